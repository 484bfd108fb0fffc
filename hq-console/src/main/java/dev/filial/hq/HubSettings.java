package dev.filial.hq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.filial.hq.business.BusinessRules;
import dev.filial.hq.consolidation.ConflictPolicies;
import dev.filial.hq.consolidation.Policy;
import dev.filial.hq.routing.RoutingRules;
import dev.filial.node.exchange.ExchangeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HQ's configuration, {@code hq.yml} in its home directory (optional; defaults when absent): the
 * conflict policies, the routing rules, and the addresses nodes reach HQ at (written into enrollment
 * packages).
 *
 * <pre>
 * conflicts:
 *   default: latest-wins            # latest-wins | hq-wins | owner-wins | manual
 *   updateVsDelete: delete-wins     # delete-wins | update-wins
 *   tables:
 *     counterparty:
 *       default: owner-wins
 *       columns: {credit_limit: hq-wins}
 * routing:
 *   groups:
 *     dealers: {priceTypes: [DEALER]}
 * addresses:
 *   http: http://hq.example.com:8700
 * exchange:                         # HQ's own mailbox and drop folder ({@link ExchangeSettings})
 *   transports:
 *     - {type: mail, address: hq@example.com, smtp: {...}, imap: {...}}
 *     - {type: drop, folder: /srv/filial/drop}
 *   fallbackAfter: 1h               # mail or drop to a node that has not pulled over HTTP this long
 * business:                         # how HQ settles broken business rules itself ({@link BusinessRules})
 *   negativeStock: review
 * </pre>
 */
public record HubSettings(ConflictPolicies conflicts, RoutingRules routing, Map<String, String> addresses,
                          ExchangeSettings exchange, BusinessRules business) {

    public static final String FILE = "hq.yml";
    public static final HubSettings DEFAULT = new HubSettings(ConflictPolicies.DEFAULT, RoutingRules.DEFAULT, Map.of(),
            ExchangeSettings.httpOnly(null), BusinessRules.DEFAULT);

    public HubSettings {
        addresses = Map.copyOf(addresses);
    }

    /**
     * Reads {@code hq.yml} from {@code home}, or the defaults if there is none.
     *
     * @throws IllegalArgumentException naming the file, the setting and what is allowed
     */
    public static HubSettings read(Path home) throws IOException {
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) {
            return DEFAULT;
        }
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        try {
            return parse(root == null ? new ObjectMapper().createObjectNode() : root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static HubSettings parse(JsonNode root) {
        JsonNode conflicts = root.path("conflicts");
        Map<String, ConflictPolicies.TablePolicies> tables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = conflicts.path("tables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            Map<String, Policy> columns = new LinkedHashMap<>();
            table.getValue().path("columns").fields().forEachRemaining(column ->
                    columns.put(column.getKey(), Policy.parse(column.getValue().asText())));
            JsonNode fallback = table.getValue().get("default");
            tables.put(table.getKey(), new ConflictPolicies.TablePolicies(
                    fallback == null ? null : Policy.parse(fallback.asText()), columns));
        }
        ConflictPolicies policies = new ConflictPolicies(
                Policy.parse(conflicts.path("default").asText(Policy.LATEST_WINS.code())),
                Policy.parse(conflicts.path("updateVsDelete").asText(Policy.DELETE_WINS.code())), tables);
        Map<String, RoutingRules.GroupRule> groups = new LinkedHashMap<>();
        root.path("routing").path("groups").fields().forEachRemaining(group -> {
            JsonNode priceTypes = group.getValue().get("priceTypes");
            List<String> codes = null;
            if (priceTypes != null) {
                if (!priceTypes.isArray()) {
                    throw new IllegalArgumentException("routing.groups." + group.getKey()
                            + ".priceTypes must be a list of price type codes, like [RETAIL, DEALER]");
                }
                codes = new ArrayList<>();
                for (JsonNode code : priceTypes) {
                    codes.add(code.asText());
                }
            }
            groups.put(group.getKey(), new RoutingRules.GroupRule(codes));
        });
        Map<String, String> addresses = new LinkedHashMap<>();
        root.path("addresses").fields().forEachRemaining(address -> addresses.put(address.getKey(), address.getValue().asText()));
        ExchangeSettings exchange;
        try {
            exchange = ExchangeSettings.parse(root.path("exchange"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("exchange." + e.getMessage(), e);
        }
        if (exchange.transport("http").isPresent()) {
            throw new IllegalArgumentException("exchange.transports: HQ serves HTTP (filial-hq serve) and has no http "
                    + "transport of its own; list its mail and drop transports only");
        }
        return new HubSettings(policies, new RoutingRules(groups), addresses, exchange,
                BusinessRules.parse(root.path("business")));
    }
}
