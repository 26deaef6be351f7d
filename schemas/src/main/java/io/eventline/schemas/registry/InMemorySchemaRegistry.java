package io.eventline.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A registry in one JVM's memory, with the same rules as the real ones (global ids from 1 in
 * registration order, BACKWARD-transitive refusal). For TopologyTestDriver tests and tools that
 * need no broker; nothing survives the process.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<String, List<RegisteredSchema>> versionsBySubject = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        String canonical = SchemaIdentity.canonical(schema);
        for (RegisteredSchema version : versions(subject)) {
            if (SchemaIdentity.canonical(version.schema()).equals(canonical)) {
                return version.id();
            }
        }
        checkCompatibility(subject, schema);
        int id = idByCanonical.computeIfAbsent(canonical, c -> {
            schemasById.add(schema);
            return schemasById.size();
        });
        List<RegisteredSchema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        versions.add(new RegisteredSchema(subject, versions.size() + 1, id, schema));
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > schemasById.size()) {
            throw new UnknownSchemaException(id, "the in-memory registry");
        }
        return schemasById.get(id - 1);
    }

    @Override
    public synchronized List<String> subjects() {
        return versionsBySubject.keySet().stream().sorted().toList();
    }

    @Override
    public synchronized List<RegisteredSchema> versions(String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }
}
