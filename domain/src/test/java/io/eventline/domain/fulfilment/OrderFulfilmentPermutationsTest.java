package io.eventline.domain.fulfilment;

import static io.eventline.domain.fulfilment.SagaFixtures.A;
import static io.eventline.domain.fulfilment.SagaFixtures.B;
import static io.eventline.domain.fulfilment.SagaFixtures.cancelled;
import static io.eventline.domain.fulfilment.SagaFixtures.charged;
import static io.eventline.domain.fulfilment.SagaFixtures.committed;
import static io.eventline.domain.fulfilment.SagaFixtures.declined;
import static io.eventline.domain.fulfilment.SagaFixtures.placed;
import static io.eventline.domain.fulfilment.SagaFixtures.refunded;
import static io.eventline.domain.fulfilment.SagaFixtures.released;
import static io.eventline.domain.fulfilment.SagaFixtures.reservationFailed;
import static io.eventline.domain.fulfilment.SagaFixtures.reserved;
import static io.eventline.domain.fulfilment.SagaFixtures.shipmentCreated;
import static io.eventline.domain.fulfilment.SagaFixtures.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.fulfilment.SagaFixtures.SagaRun;
import io.eventline.domain.order.OrderLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every order in which the placement and the three outcomes of a two-line order can arrive. */
class OrderFulfilmentPermutationsTest {

    @Test
    void every_arrival_order_of_the_outcomes_ends_terminal_with_nothing_left_reserved_or_charged() {
        int scenarios = 0;
        for (boolean aFits : new boolean[] {true, false}) {
            for (boolean bFits : new boolean[] {true, false}) {
                for (boolean paid : new boolean[] {true, false}) {
                    List<FulfilmentEvent> inputs = List.of(placed(), aFits ? reserved(A) : reservationFailed(A),
                            bFits ? reserved(B) : reservationFailed(B), paid ? charged() : declined());
                    for (List<FulfilmentEvent> order : permutations(inputs)) {
                        for (boolean answerAtOnce : new boolean[] {true, false}) {
                            check(order, answerAtOnce, aFits && bFits && paid, paid);
                            scenarios++;
                        }
                    }
                }
            }
        }
        assertThat(scenarios).isEqualTo(8 * 24 * 2);
    }

    /** Feeds the inputs; the aggregates answer each command either at once or after every input. */
    private static void check(List<FulfilmentEvent> inputs, boolean answerAtOnce, boolean succeeds, boolean paid) {
        var run = new SagaRun();
        Deque<FulfilmentEvent> answers = new ArrayDeque<>();
        for (FulfilmentEvent input : inputs) {
            run.on(input).forEach(c -> answerTo(c).ifPresent(answers::add));
            if (answerAtOnce) {
                drain(run, answers);
            }
        }
        drain(run, answers);
        String scenario = inputs + (answerAtOnce ? " answered at once" : " answered at the end");
        FulfilmentState state = run.state;
        assertThat(run.terminal()).as(scenario).isTrue();
        assertThat(run.sent).as(scenario).doesNotHaveDuplicates();
        if (succeeds) {
            assertThat(state.status()).as(scenario).isEqualTo(FulfilmentStatus.COMPLETED);
            assertThat(state.committed()).as(scenario).containsExactly(A.sku(), B.sku());
            assertThat(state.released()).as(scenario).isEmpty();
            assertThat(state.refunded()).as(scenario).isFalse();
        } else {
            assertThat(state.status()).as(scenario).isEqualTo(FulfilmentStatus.CANCELLED);
            assertThat(state.released()).as(scenario).isEqualTo(state.reserved());
            assertThat(state.committed()).as(scenario).isEmpty();
            assertThat(state.refunded()).as(scenario).isEqualTo(paid);
            assertThat(state.cancelled()).as(scenario).isTrue();
        }
    }

    private static void drain(SagaRun run, Deque<FulfilmentEvent> answers) {
        while (!answers.isEmpty()) {
            run.on(answers.poll()).forEach(c -> answerTo(c).ifPresent(answers::add));
        }
    }

    /** What the aggregate answers; reservations and the charge are the outcomes the test scripts. */
    private static Optional<FulfilmentEvent> answerTo(FulfilmentCommand command) {
        return Optional.ofNullable(switch (command) {
            case FulfilmentCommand.ReserveStock c -> null;
            case FulfilmentCommand.ChargePayment c -> null;
            case FulfilmentCommand.ConfirmOrder c -> null;
            case FulfilmentCommand.CreateShipment c -> shipmentCreated();
            case FulfilmentCommand.ShipOrder c -> shipped();
            case FulfilmentCommand.CommitStock(var c) -> committed(line(c.sku()));
            case FulfilmentCommand.ReleaseStock(var c) -> released(line(c.sku()));
            case FulfilmentCommand.RefundPayment c -> refunded();
            case FulfilmentCommand.CancelOrder(var c) -> cancelled(c.reason());
        });
    }

    private static OrderLine line(String sku) {
        return Stream.of(A, B).filter(l -> l.sku().equals(sku)).findFirst().orElseThrow();
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        var all = new ArrayList<List<T>>();
        for (int i = 0; i < items.size(); i++) {
            var rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                all.add(Stream.concat(Stream.of(first), tail.stream()).toList());
            }
        }
        assertThat(Set.copyOf(all)).hasSameSizeAs(all);
        return all;
    }
}
