/**
 * The node's REST API (Micronaut): {@code /api/{entity}} for every entity, {@code /api/status},
 * HTTP Basic authentication against local users, errors as typed JSON.
 */
package dev.filial.node.api;
