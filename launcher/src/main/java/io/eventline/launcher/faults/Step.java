package io.eventline.launcher.faults;

import io.eventline.contracts.AggregateType;
import java.util.OptionalLong;

/** One command a workload will publish: to which aggregate type, with which expected version, if any. */
record Step<C>(AggregateType<C, ?, ?> type, String aggregateId, C command, OptionalLong expectedVersion) {

    static <C> Step<C> of(AggregateType<C, ?, ?> type, String aggregateId, C command) {
        return new Step<>(type, aggregateId, command, OptionalLong.empty());
    }

    static <C> Step<C> expecting(AggregateType<C, ?, ?> type, String aggregateId, long version, C command) {
        return new Step<>(type, aggregateId, command, OptionalLong.of(version));
    }
}
