/**
 * The node's REST API (Micronaut): {@code /api/{entity}} for every entity, {@code /api/status},
 * HTTP Basic authentication against local users, errors as typed JSON. {@link dev.filial.node.api.NodeServer}
 * starts it with the passphrase source of sealed keys.
 */
package dev.filial.node.api;
