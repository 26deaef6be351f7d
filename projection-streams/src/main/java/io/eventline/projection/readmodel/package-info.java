/**
 * The read models: each a {@link io.eventline.projection.readmodel.ReadModelModule}, one Kafka Streams
 * application of its own, fed from the event topics and folding them with the domain's views.
 *
 * <table>
 * <caption>Read models, their stores and queries</caption>
 * <tr><th>module</th><th>key</th><th>stores (repartition)</th><th>GET</th></tr>
 * <tr><td>order-summary</td><td>orderId</td><td>order-summary</td><td>/readmodels/orders[/{orderId}]</td></tr>
 * <tr><td>customer-stats</td><td>customerId</td><td>customer-stats, customer-stats-orders, customer-stats-order-versions
 *     (customer-stats-by-customer)</td><td>/readmodels/customers[/{customerId}]</td></tr>
 * <tr><td>daily-sales</td><td>day|currency</td><td>daily-sales, daily-sales-orders, daily-sales-order-versions
 *     (daily-sales-by-day)</td><td>/readmodels/daily-sales[/{day}/{currency}]</td></tr>
 * <tr><td>stock-levels</td><td>sku</td><td>stock-levels</td><td>/readmodels/stock[/{sku}]</td></tr>
 * <tr><td>account-balances</td><td>customerId</td><td>account-balances</td><td>/readmodels/accounts[/{customerId}]</td></tr>
 * </table>
 *
 * <p>Replays change nothing: every stored value, or a store beside it, remembers the last applied
 * version of each aggregate that contributes, and an event whose version is not newer is skipped.
 * Keyed queries go through the {@code QueryRouter} ({@code ?minVersion=N} waits, bounded, for version N
 * of the order, sku or account); lists are gathered from every instance and paged with a cursor
 * ({@code ?limit=50&after=<next>}); GET /projections/status and the {@code eventline.projection.*}
 * gauges show each projection's lag. {@code ops.ProjectionRebuild} rebuilds one from scratch.
 */
package io.eventline.projection.readmodel;
