package io.eventline.service.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class TaskIdlingTest {

    @Test
    void turns_idling_off_when_every_subtopology_reads_one_topic() {
        Topology topology = new Topology();
        topology.addSource("commands", "commands");
        topology.addProcessor("decide", Forward::new, "commands");
        topology.addSink("events", "events", "decide");
        topology.addSource("events-again", "events");
        topology.addProcessor("fold", Forward::new, "events-again");

        assertThat(TaskIdling.readsOnePartitionPerTask(topology)).isTrue();
        assertThat(TaskIdling.defaultsFor(topology))
                .containsExactlyEntriesOf(java.util.Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L));
    }

    @Test
    void keeps_the_default_when_a_subtopology_reads_two_topics() {
        Topology topology = new Topology();
        topology.addSource("inputs", "orders", "payments");
        topology.addProcessor("saga", Forward::new, "inputs");
        assertThat(TaskIdling.defaultsFor(topology)).isEmpty();
    }

    @Test
    void keeps_the_default_when_two_sources_feed_one_processor() {
        Topology topology = new Topology();
        topology.addSource("orders", "orders");
        topology.addSource("payments", "payments");
        topology.addProcessor("join", Forward::new, "orders", "payments");
        assertThat(TaskIdling.defaultsFor(topology)).isEmpty();
    }

    @Test
    void keeps_the_default_for_a_pattern_which_may_match_several_topics() {
        Topology topology = new Topology();
        topology.addSource("all-events", Pattern.compile(".*-events"));
        topology.addProcessor("fold", Forward::new, "all-events");
        assertThat(TaskIdling.defaultsFor(topology)).isEmpty();
    }

    private static final class Forward extends ContextualProcessor<Object, Object, Object, Object> {
        @Override
        public void process(Record<Object, Object> record) {
            context().forward(record);
        }
    }
}
