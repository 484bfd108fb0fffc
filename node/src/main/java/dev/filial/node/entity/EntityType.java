package dev.filial.node.entity;

import dev.filial.node.access.Role;
import dev.filial.node.store.Table;
import java.util.Set;

/**
 * An entity of the REST API and the services: its URL name, its replicated table, its business
 * rules, and which roles may read and write it.
 */
public record EntityType(String name, Table table, Rules rules, Set<Role> readers, Set<Role> writers) {

    public static final Set<Role> EVERYONE = Set.of(Role.values());

    public boolean readableBy(Role role) {
        return readers.contains(role);
    }

    public boolean writableBy(Role role) {
        return writers.contains(role);
    }
}
