package io.eventline.projection.app;

import io.eventline.projection.module.ProjectionModule;
import io.eventline.projection.saga.OrderFulfilmentModule;
import java.util.List;

/** Every projection module the service runs, in start order. */
public final class ProjectionModules {

    private ProjectionModules() {}

    public static List<ProjectionModule> all() {
        return List.of(OrderFulfilmentModule.fromEnvironment(System.getenv()),
                new io.eventline.projection.readmodel.order.OrderSummaryModule(),
                new io.eventline.projection.readmodel.customer.CustomerStatsModule(),
                new io.eventline.projection.readmodel.sales.DailySalesModule(),
                new io.eventline.projection.readmodel.stock.StockLevelModule(),
                new io.eventline.projection.readmodel.account.AccountBalanceModule());
    }
}
