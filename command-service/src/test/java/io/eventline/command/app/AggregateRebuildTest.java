package io.eventline.command.app;

import io.eventline.contracts.CommittedRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.StoredAggregate;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.StoreNames;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.InventoryState;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.ServiceSettings;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class AggregateRebuildTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void rebuilt_snapshots_equal_the_live_ones_and_the_service_goes_on_from_them(KafkaTestCluster kafka) throws Exception {
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of("EVENTLINE_TOPIC_PREFIX", "rebuilt",
                "EVENTLINE_APPLICATION_ID", "rebuilt-commands", "EVENTLINE_HTTP_PORT", "0",
                "EVENTLINE_STATE_DIR", stateDir.toString(), "EVENTLINE_STANDBY_REPLICAS", "0"), "unused", 0)
                .withBootstrapServers(kafka.bootstrapServers());
        try (SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig())) {
            AggregateType<InventoryCommand, InventoryState, InventoryEvent> inventory = Aggregates.inventory(registry);
            AggregateRebuild rebuild = new AggregateRebuild(settings.clientConfig(), settings.topics(), settings.applicationId(),
                    new PrintStream(new ByteArrayOutputStream()));
            try (CommandService service = CommandService.start(settings, registry)) {
                CompletableFuture<?>[] sent = new CompletableFuture<?>[60];
                for (int i = 0; i < sent.length; i++) {
                    String sku = "sku-" + (i % 12);
                    sent[i] = service.gateway().send(inventory, envelope("add-" + i, sku, new InventoryCommand.AddStock(sku, i + 1)),
                            Duration.ofSeconds(60));
                }
                CompletableFuture.allOf(sent).join();
                assertThatThrownBy(() -> rebuild.rebuild(inventory)).hasMessageContaining("stop every command-service instance");
            }
            Map<String, byte[]> live = latestSnapshots(kafka, settings);

            AggregateRebuild.Result result = awaitGroupEmptyThenRebuild(rebuild, inventory);

            assertThat(result.events()).isEqualTo(60);
            assertThat(result.aggregates()).isEqualTo(12);
            Map<String, byte[]> rebuilt = latestSnapshots(kafka, settings);
            String changelog = new StoreNames("inventory").aggregatesChangelog(settings.applicationId());
            assertThat(rebuilt.keySet()).isEqualTo(live.keySet());
            live.forEach((sku, bytes) -> {
                StoredAggregate<InventoryState> before = inventory.codec().decodeState(changelog, sku, bytes);
                StoredAggregate<InventoryState> after = inventory.codec().decodeState(changelog, sku, rebuilt.get(sku));
                assertThat(after).as(sku).isEqualTo(before);
                assertThat(after.version()).isEqualTo(5);
            });
            try (CommandService restarted = CommandService.start(settings, registry)) {
                var outcome = restarted.gateway().send(inventory, envelope("after-rebuild", "sku-0",
                        new InventoryCommand.AddStock("sku-0", 1)), Duration.ofSeconds(60)).join();
                assertThat(outcome.version()).isEqualTo(6);
            }
        }
    }

    private static AggregateRebuild.Result awaitGroupEmptyThenRebuild(AggregateRebuild rebuild,
            AggregateType<InventoryCommand, InventoryState, InventoryEvent> inventory) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return rebuild.rebuild(inventory);
            } catch (IllegalStateException stillLeaving) {
                if (System.nanoTime() > deadline) {
                    throw stillLeaving;
                }
                Thread.sleep(500);
            }
        }
    }

    private static Map<String, byte[]> latestSnapshots(KafkaTestCluster kafka, ServiceSettings settings) {
        Map<String, byte[]> latest = new HashMap<>();
        String changelog = new StoreNames("inventory").aggregatesChangelog(settings.applicationId());
        for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.readToEnd(kafka.clientConfig(), changelog, READ_TIMEOUT)) {
            latest.put(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8), r.value());
        }
        return latest;
    }

    private static <C> CommandEnvelope<C> envelope(String commandId, String id, C command) {
        return new CommandEnvelope<>(new CommandMetadata("rebuilt-" + commandId, id, OptionalLong.empty(), Instant.now(),
                commandId, Optional.empty(), "test"), command);
    }
}
