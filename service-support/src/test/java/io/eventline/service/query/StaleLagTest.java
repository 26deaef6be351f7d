package io.eventline.service.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.util.ConcurrentModificationException;
import java.util.Map;
import org.apache.kafka.streams.LagInfo;
import org.junit.jupiter.api.Test;

class StaleLagTest {

    @Test
    void a_local_store_within_the_stale_lag_may_answer_and_one_beyond_it_may_not() throws Exception {
        Map<String, Map<Integer, LagInfo>> lags = Map.of("store", Map.of(0, lag(90, 100), 1, lag(0, 100)));

        assertThat(QueryRouter.withinStaleLag(() -> lags, "store", 0, 10)).isTrue();
        assertThat(QueryRouter.withinStaleLag(() -> lags, "store", 1, 10)).isFalse();
        assertThat(QueryRouter.withinStaleLag(() -> lags, "store", 2, 10)).as("a partition not hosted here").isFalse();
    }

    @Test
    void a_lag_that_cannot_be_read_while_a_task_is_being_re_created_is_no_licence_for_a_stale_answer() {
        assertThat(QueryRouter.withinStaleLag(() -> {
            throw new ConcurrentModificationException();
        }, "store", 0, Long.MAX_VALUE)).isFalse();
    }

    /** LagInfo's constructor is Kafka Streams' own: the lags a running instance reports. */
    private static LagInfo lag(long position, long end) throws Exception {
        Constructor<LagInfo> constructor = LagInfo.class.getDeclaredConstructor(long.class, long.class);
        constructor.setAccessible(true);
        return constructor.newInstance(position, end);
    }
}
