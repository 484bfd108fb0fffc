package dev.filial.hq.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * Where HQ reaches a node on one transport: {@code http} (the node pulls; no address), {@code mail} (its
 * mailbox) or {@code drop} (a folder shared with it; its batches go into the subfolder named by its code).
 * Written {@code http}, {@code mail:msk@example.com}, {@code drop:/srv/filial/drop}.
 */
public record NodeAddress(String transport, String address) {

    public NodeAddress {
        switch (transport) {
            case "http" -> address = "";
            case "mail" -> {
                if (address == null || !address.matches("[^@\\s]+@[^@\\s]+")) {
                    throw new IllegalArgumentException("a mail address looks like mail:msk@example.com, not mail:"
                            + address);
                }
            }
            case "drop" -> {
                if (address == null || address.isBlank()) {
                    throw new IllegalArgumentException("a drop address names a folder: drop:/srv/filial/drop");
                }
            }
            default -> throw new IllegalArgumentException("transport must be http, mail or drop, not '" + transport
                    + "'");
        }
    }

    /** Parses {@code http}, {@code mail:ADDRESS} or {@code drop:FOLDER}. */
    public static NodeAddress parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? new NodeAddress(text.trim(), "") : new NodeAddress(text.substring(0, colon).trim(),
                text.substring(colon + 1).trim());
    }

    /** Parses a priority-ordered list; a transport given twice is refused. */
    public static List<NodeAddress> parseAll(List<String> texts) {
        List<NodeAddress> addresses = new ArrayList<>();
        for (String text : texts) {
            NodeAddress address = parse(text);
            if (addresses.stream().anyMatch(a -> a.transport().equals(address.transport()))) {
                throw new IllegalArgumentException("transport " + address.transport() + " is given twice");
            }
            addresses.add(address);
        }
        return addresses;
    }

    @Override
    public String toString() {
        return address.isEmpty() ? transport : transport + ":" + address;
    }
}
