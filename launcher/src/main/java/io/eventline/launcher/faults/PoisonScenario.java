package io.eventline.launcher.faults;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandOutcome;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderLine;
import io.eventline.verify.VerificationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Poison input beside a steady workload: bytes that are no command (garbage, a tombstone, another
 * type's command, a truncated one), a command as large as a producer may send and one larger, a
 * command sent twice, and eight commands racing for one version of an account. Each is dead-lettered,
 * refused or answered, and the commands after them are processed as usual.
 */
public final class PoisonScenario implements Scenario {

    @Override
    public String name() {
        return "poison input";
    }

    @Override
    public ScenarioResult run(FaultContext context, String prefix) throws Exception {
        Instant began = Instant.now();
        Map<String, Object> facts = new LinkedHashMap<>();
        try (FaultPipeline p = context.pipeline(prefix, 0); PoisonSender poison = new PoisonSender(p)) {
            ServiceInstance a = p.startCommandService("a");
            Faults.require(a.awaitReady(Duration.ofSeconds(90)), "a ready", p);
            ShopWorkload workload = p.workload(false, prefix.hashCode());
            workload.seed();
            workload.start(Math.max(10, context.rate() / 3));
            facts.put("undecodable sent", poison.undecodable());

            AggregateType<OrderCommand, ?, ?> orders = ShopWorkload.type(p.types, "order");
            String big = prefix + "-big-order";
            poison.send(orders, big, new OrderCommand.PlaceOrder(big, "someone", List.of(new OrderLine("sku", 1, 100)), "EUR")).join();
            CompletableFuture<CommandOutcome> largest = poison.sized(orders, big, RecordSize.MAX_REQUEST_SIZE,
                    reason -> new OrderCommand.CancelOrder(big, reason));
            try {
                facts.put("largest command", describe(largest.get(60, TimeUnit.SECONDS)));
            } catch (TimeoutException stuck) {
                facts.put("largest command", "no outcome within 60 s");
            }
            try {
                poison.sized(orders, big, RecordSize.MAX_REQUEST_SIZE + 1, reason -> new OrderCommand.CancelOrder(big, reason)).join();
                facts.put("one byte larger", "sent?!");
            } catch (CompletionException refused) {
                facts.put("one byte larger", "refused by the producer: " + refused.getCause().getClass().getSimpleName());
            }

            AggregateType<AccountCommand, ?, ?> accounts = ShopWorkload.type(p.types, "account");
            String racer = prefix + "-racer";
            CommandOutcome opened = poison.send(accounts, racer, new AccountCommand.OpenAccount(racer, "EUR")).join();
            List<CompletableFuture<CommandOutcome>> racing = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racing.add(poison.sendExpecting(accounts, racer, opened.version(), new AccountCommand.DepositMoney(racer, 100 + i)));
            }
            List<CommandOutcome> raced = racing.stream().map(CompletableFuture::join).toList();
            facts.put("racing accepted", raced.stream().filter(CommandOutcome::accepted).count());
            facts.put("racing conflicts", raced.stream().filter(o -> o.rejection().map(r -> r.code().equals("CONCURRENCY_CONFLICT"))
                    .orElse(false)).count());

            List<CommandOutcome> twice = poison.twice(accounts, racer, new AccountCommand.DepositMoney(racer, 1));
            facts.put("sent twice, same outcome", twice.get(0).equals(twice.get(1)) && twice.get(0).accepted());
            facts.put("after all that", describe(poison.send(accounts, racer, new AccountCommand.DepositMoney(racer, 5)).join()));

            long published = workload.stop();
            facts.put("longest send", workload.longestSendMillis() + " ms");
            VerificationReport report = p.verifier().awaitHolds(context.verifyTimeout());
            return new ScenarioResult(name(), prefix, published, poison.sent(), Duration.between(began, Instant.now()), facts,
                    Faults.withOutputs(report, p));
        }
    }

    private static String describe(CommandOutcome outcome) {
        return outcome.status() + outcome.rejection().map(r -> " " + r.code()).orElse("") + " at version " + outcome.version();
    }
}
