package io.eventline.domain.fulfilment;

import static io.eventline.domain.fulfilment.SagaFixtures.A;
import static io.eventline.domain.fulfilment.SagaFixtures.ALICE;
import static io.eventline.domain.fulfilment.SagaFixtures.B;
import static io.eventline.domain.fulfilment.SagaFixtures.ORDER;
import static io.eventline.domain.fulfilment.SagaFixtures.TOTAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.account.AccountDecider;
import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.account.AccountState;
import io.eventline.domain.core.Decider;
import io.eventline.domain.core.Rejection;
import io.eventline.domain.fulfilment.SagaFixtures.SagaRun;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.inventory.InventoryDecider;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.InventoryState;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderDecider;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderState;
import io.eventline.domain.order.OrderStatus;
import io.eventline.domain.shipment.ShipmentDecider;
import io.eventline.domain.shipment.ShipmentEvent;
import io.eventline.domain.shipment.ShipmentState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The saga driving the real deciders, with events reaching it in a random order, some twice, and a
 * deadline at a random moment. Commands to one aggregate stay in order, as on a Kafka partition.
 */
class FulfilmentWithDecidersTest {

    @ParameterizedTest(name = "stock A={0} B={1}, funds={2}, account open={3}")
    @CsvSource({"10, 10, 5000, true", "10, 0, 5000, true", "1, 10, 5000, true", "10, 10, 1999, true",
            "10, 10, 5000, false", "0, 0, 0, false"})
    void leaves_stock_and_money_consistent_whatever_the_interleaving(int stockA, int stockB, long funds, boolean open) {
        boolean enough = stockA >= A.quantity() && stockB >= B.quantity() && funds >= TOTAL && open;
        int completions = 0;
        for (int seed = 0; seed < 300; seed++) {
            var world = new World(new Random(seed), stockA, stockB, funds, open);
            world.run();
            String scenario = "seed " + seed;
            FulfilmentStatus status = world.saga.status();
            assertThat(world.saga.terminal()).as(scenario).isTrue();
            assertThat(world.saga.sent).as(scenario).doesNotHaveDuplicates();
            if (!enough) {
                assertThat(status).as(scenario).isEqualTo(FulfilmentStatus.CANCELLED);
            }
            boolean completed = status == FulfilmentStatus.COMPLETED;
            completions += completed ? 1 : 0;
            assertThat(world.order.status()).as(scenario).isEqualTo(completed ? OrderStatus.SHIPPED : OrderStatus.CANCELLED);
            for (var line : List.of(A, B)) {
                InventoryState stock = world.stock.get(line.sku());
                int initial = line == A ? stockA : stockB;
                assertThat(stock.reservations()).as(scenario).doesNotContainKey(ORDER);
                assertThat(stock.onHand()).as(scenario).isEqualTo(completed ? initial - line.quantity() : initial);
            }
            if (open) {
                long balance = ((AccountState.Open) world.account).ledger().balance();
                assertThat(balance).as(scenario).isEqualTo(completed ? funds - TOTAL : funds);
            }
        }
        if (enough) {
            assertThat(completions).as("runs that completed; the others met their deadline").isBetween(150, 299);
        }
    }

    /** Four aggregates, the saga, and the channels between them. */
    static final class World {
        final Random random;
        final SagaRun saga = new SagaRun();
        final Map<String, InventoryState> stock = new LinkedHashMap<>();
        final Map<String, Deque<FulfilmentCommand>> queues = new LinkedHashMap<>();
        final List<FulfilmentEvent> inFlight = new ArrayList<>();
        final List<FulfilmentEvent> delivered = new ArrayList<>();
        final int deadlineAt;
        OrderState order;
        AccountState account;
        ShipmentState shipment;
        int duplicates;

        World(Random random, int stockA, int stockB, long funds, boolean open) {
            this.random = random;
            var inventory = new InventoryDecider();
            for (var line : List.of(A, B)) {
                InventoryState s = inventory.initialState();
                int initial = line == A ? stockA : stockB;
                stock.put(line.sku(), initial == 0 ? s : apply(inventory, s, new InventoryCommand.AddStock(line.sku(), initial)));
            }
            var accounts = new AccountDecider();
            account = accounts.initialState();
            if (open) {
                account = apply(accounts, account, new AccountCommand.OpenAccount(ALICE, "EUR"));
                account = funds == 0 ? account : apply(accounts, account, new AccountCommand.DepositMoney(ALICE, funds));
            }
            shipment = new ShipmentDecider().initialState();
            order = apply(new OrderDecider(), new OrderDecider().initialState(),
                    new OrderCommand.PlaceOrder(ORDER, ALICE, List.of(A, B), "EUR"));
            deadlineAt = random.nextInt(3) == 0 ? random.nextInt(12) : -1;
        }

        void run() {
            for (int step = 0; !(inFlight.isEmpty() && queues.values().stream().allMatch(Deque::isEmpty)); step++) {
                if (step == deadlineAt) {
                    inFlight.add(new FulfilmentEvent.DeadlinePassed(ORDER));
                }
                var ready = queues.values().stream().filter(q -> !q.isEmpty()).toList();
                if (!ready.isEmpty() && (inFlight.isEmpty() || random.nextBoolean())) {
                    execute(ready.get(random.nextInt(ready.size())).poll());
                } else {
                    deliver(inFlight.remove(random.nextInt(inFlight.size())));
                }
                if (!delivered.isEmpty() && duplicates < 10 && random.nextInt(5) == 0) {
                    duplicates++;
                    inFlight.add(delivered.get(random.nextInt(delivered.size())));
                }
            }
        }

        private void deliver(FulfilmentEvent event) {
            delivered.add(event);
            for (FulfilmentCommand command : saga.on(event)) {
                queues.computeIfAbsent(partition(command), k -> new ArrayDeque<>()).add(command);
            }
        }

        /** The aggregate type and id: commands to the same one are handled in the order sent. */
        private static String partition(FulfilmentCommand command) {
            String type = switch (command.kind()) {
                case RESERVE_STOCK, COMMIT_STOCK, RELEASE_STOCK -> "inventory";
                case CHARGE_PAYMENT, REFUND_PAYMENT -> "account";
                case CONFIRM_ORDER, SHIP_ORDER, CANCEL_ORDER -> "order";
                case CREATE_SHIPMENT -> "shipment";
            };
            return type + "/" + command.aggregateId();
        }

        private void execute(FulfilmentCommand command) {
            try {
                switch (command) {
                    case FulfilmentCommand.ReserveStock(var c) -> inventory(c);
                    case FulfilmentCommand.CommitStock(var c) -> inventory(c);
                    case FulfilmentCommand.ReleaseStock(var c) -> inventory(c);
                    case FulfilmentCommand.ChargePayment(var c) -> account = apply(new AccountDecider(), account, c);
                    case FulfilmentCommand.RefundPayment(var c) -> account = apply(new AccountDecider(), account, c);
                    case FulfilmentCommand.ConfirmOrder(var c) -> order = apply(new OrderDecider(), order, c);
                    case FulfilmentCommand.ShipOrder(var c) -> order = apply(new OrderDecider(), order, c);
                    case FulfilmentCommand.CancelOrder(var c) -> order = apply(new OrderDecider(), order, c);
                    case FulfilmentCommand.CreateShipment(var c) -> shipment = apply(new ShipmentDecider(), shipment, c);
                }
            } catch (Rejection rejection) {
                inFlight.add(new FulfilmentEvent.CommandRejected(ORDER, command.kind(), rejection.code()));
            }
        }

        private void inventory(InventoryCommand command) {
            stock.put(command.sku(), apply(new InventoryDecider(), stock.get(command.sku()), command));
        }

        private <C, S, E> S apply(Decider<C, S, E> decider, S state, C command) {
            for (E event : decider.decide(command, state)) {
                state = decider.evolve(state, event);
                FulfilmentEvent input = toSaga(event);
                if (input != null) {
                    inFlight.add(input);
                }
            }
            return state;
        }

        /** What the saga's topology would forward to it; null for events it does not consume. */
        private static FulfilmentEvent toSaga(Object event) {
            return switch (event) {
                case OrderEvent.OrderPlaced e -> new FulfilmentEvent.OrderPlaced(e);
                case OrderEvent.OrderShipped e -> new FulfilmentEvent.OrderShipped(e);
                case OrderEvent.OrderCancelled e -> new FulfilmentEvent.OrderCancelled(e);
                case InventoryEvent.StockReserved e -> new FulfilmentEvent.StockReserved(e);
                case InventoryEvent.StockReservationFailed e -> new FulfilmentEvent.StockReservationFailed(e);
                case InventoryEvent.StockReleased e -> new FulfilmentEvent.StockReleased(e);
                case InventoryEvent.StockCommitted e -> new FulfilmentEvent.StockCommitted(e);
                case AccountEvent.PaymentCharged e -> new FulfilmentEvent.PaymentCharged(e);
                case AccountEvent.PaymentDeclined e -> new FulfilmentEvent.PaymentDeclined(e);
                case AccountEvent.PaymentRefunded e -> new FulfilmentEvent.PaymentRefunded(e);
                case ShipmentEvent.ShipmentCreated e -> new FulfilmentEvent.ShipmentCreated(e);
                default -> null;
            };
        }
    }
}
