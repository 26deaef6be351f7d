package io.eventline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.schemas.Contracts;
import io.eventline.schemas.RandomRecords;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContractRoundTripTest {
    private static final int SAMPLES = 300;

    static Stream<Class<? extends SpecificRecord>> contracts() {
        return Contracts.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void every_contract_reads_back_equal_to_what_was_written(Class<? extends SpecificRecord> type) {
        roundTrip(type);
    }

    private <T extends SpecificRecord> void roundTrip(Class<T> type) {
        var serde = AvroSerde.forValues(type, new InMemorySchemaRegistry());
        var random = new RandomRecords(type.getName().hashCode());
        Schema.Field payload = SpecificData.get().getSchema(type).getField("payload");
        Set<String> payloadTypes = new HashSet<>();
        for (int i = 0; i < SAMPLES; i++) {
            T written = random.next(type);
            byte[] bytes = serde.serializer().serialize("shop.test", new RecordHeaders(), written);
            T read = serde.deserializer().deserialize("shop.test", bytes);
            assertThat(read).as("sample %d of %s", i, type.getSimpleName()).isEqualTo(written);
            if (payload != null) {
                payloadTypes.add(((GenericContainer) read.get(payload.pos())).getSchema().getName());
            }
        }
        if (payload != null) {
            assertThat(payloadTypes).as("every command or event of the union was exercised")
                    .containsExactlyInAnyOrderElementsOf(payload.schema().getTypes().stream().map(Schema::getName).toList());
        }
    }
}
