/**
 * What a projection module is and what it is given: the read models and the sagas build on this
 * package, and the service ({@code app}) runs them. Nothing here knows either, so the packages form
 * no cycle: app → readmodel, saga → module.
 */
package io.eventline.projection.module;
