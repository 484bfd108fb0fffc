/**
 * Running a node's transports: {@link dev.filial.node.delivery.Delivery} runs one transport (receive,
 * then send when it is the one in use) or all of them in priority order with fallback ("sync now");
 * {@link dev.filial.node.delivery.DeliveryScheduler} runs each on its cron schedule with exponential
 * backoff after errors; {@link dev.filial.node.delivery.StatusBoard} keeps each transport's last
 * success and last error for the status the CLI and the REST API show. HQ plugs its own
 * {@link dev.filial.node.delivery.TransportRunner} into the same scheduler.
 */
package dev.filial.node.delivery;
