package dev.filial.node.entity;

import dev.filial.node.access.Role;
import dev.filial.node.activity.ActivityRules;
import dev.filial.node.catalog.CatalogRules;
import dev.filial.node.crm.CrmRules;
import dev.filial.node.sales.DealRules;
import dev.filial.node.stock.WarehouseRules;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every entity the node serves, by URL name. CRM entities may be changed by admins, managers and
 * agents; the catalog by admins and managers; deals like CRM entities, discount limits like the catalog, the
 * closed period by admins only; sales documents and payments are read here and written by node.sales; the
 * audit log is read by admins and managers and
 * written only as a side effect of other changes.
 */
public final class Entities {

    private static final Set<Role> CRM_WRITERS = Set.of(Role.ADMIN, Role.MANAGER, Role.AGENT);
    private static final Set<Role> CATALOG_WRITERS = Set.of(Role.ADMIN, Role.MANAGER);

    private final Map<String, EntityType> byName = new LinkedHashMap<>();

    /** The entities of node {@code branch}, whose hub is {@code hub} (the same code at HQ). */
    public Entities(NodeCode branch, NodeCode hub) {
        add("counterparties", Schema.COUNTERPARTY, CrmRules.counterparty(branch), CRM_WRITERS);
        add("contact-persons", Schema.CONTACT_PERSON, CrmRules.CONTACT_PERSON, CRM_WRITERS);
        add("contact-points", Schema.CONTACT_POINT, CrmRules.CONTACT_POINT, CRM_WRITERS);
        add("activities", Schema.ACTIVITY, ActivityRules.activity(branch), CRM_WRITERS);
        add("product-groups", Schema.PRODUCT_GROUP, CatalogRules.PRODUCT_GROUP, CATALOG_WRITERS);
        add("products", Schema.PRODUCT, CatalogRules.PRODUCT, CATALOG_WRITERS);
        add("price-types", Schema.PRICE_TYPE, CatalogRules.PRICE_TYPE, CATALOG_WRITERS);
        add("prices", Schema.PRICE, CatalogRules.PRICE, CATALOG_WRITERS);
        add("currencies", Schema.CURRENCY, CatalogRules.CURRENCY, CATALOG_WRITERS);
        add("exchange-rates", Schema.EXCHANGE_RATE, CatalogRules.EXCHANGE_RATE, CATALOG_WRITERS);
        add("discount-rules", Schema.DISCOUNT_RULE, CatalogRules.DISCOUNT_RULE, CATALOG_WRITERS);
        add("warehouses", Schema.WAREHOUSE, WarehouseRules.warehouse(branch, hub), CATALOG_WRITERS);
        add("storage-places", Schema.STORAGE_PLACE, WarehouseRules.STORAGE_PLACE, CATALOG_WRITERS);
        // written through their own services (node.stock): posting, reversal, reservations
        add("stock-documents", Schema.STOCK_DOCUMENT, Rules.NONE, Set.of());
        add("stock-lines", Schema.STOCK_LINE, Rules.NONE, Set.of());
        add("stock-entries", Schema.STOCK_ENTRY, Rules.NONE, Set.of());
        add("stock-reservations", Schema.STOCK_RESERVATION, Rules.NONE, Set.of());
        add("deals", Schema.DEAL, DealRules.deal(branch), CRM_WRITERS);
        add("discount-limits", Schema.DISCOUNT_LIMIT, DealRules.DISCOUNT_LIMIT, CATALOG_WRITERS);
        add("closed-periods", Schema.CLOSED_PERIOD, DealRules.CLOSED_PERIOD, Set.of(Role.ADMIN));
        // written through their own services (node.sales): pricing, transitions, allocations
        add("sales-documents", Schema.SALES_DOCUMENT, Rules.NONE, Set.of());
        add("sales-lines", Schema.SALES_LINE, Rules.NONE, Set.of());
        add("payments", Schema.PAYMENT, Rules.NONE, Set.of());
        add("payment-allocations", Schema.PAYMENT_ALLOCATION, Rules.NONE, Set.of());
        byName.put("audit-entries", new EntityType("audit-entries", Schema.AUDIT_ENTRY, Rules.NONE,
                Set.of(Role.ADMIN, Role.MANAGER), Set.of()));
    }

    private void add(String name, Table table, Rules rules, Set<Role> writers) {
        byName.put(name, new EntityType(name, table, rules, EntityType.EVERYONE, writers));
    }

    /** @throws NotFoundException naming the entities there are */
    public EntityType find(String name) {
        EntityType type = byName.get(name);
        if (type == null) {
            throw new NotFoundException("no entity '" + name + "'; there are " + String.join(", ", byName.keySet()));
        }
        return type;
    }

    public Collection<EntityType> all() {
        return byName.values();
    }
}
