package dev.filial.hq.routing;

import dev.filial.protocol.change.NodeCode;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The nodes a change goes to: every node, or a set of node codes (empty: HQ keeps it to itself).
 * Stored in the hub log as {@code *} or a comma-separated list.
 */
public final class Audience {

    public static final Audience ALL = new Audience(true, Set.of());
    public static final Audience NONE = new Audience(false, Set.of());

    private final boolean all;
    private final Set<String> codes;

    private Audience(boolean all, Set<String> codes) {
        this.all = all;
        this.codes = codes;
    }

    public static Audience of(Collection<NodeCode> nodes) {
        if (nodes.isEmpty()) {
            return NONE;
        }
        Set<String> codes = new TreeSet<>();
        nodes.forEach(node -> codes.add(node.toString()));
        return new Audience(false, Set.copyOf(codes));
    }

    public boolean all() {
        return all;
    }

    public boolean includes(NodeCode node) {
        return all || codes.contains(node.toString());
    }

    /** The nodes, with {@code everyone} standing in for "every node". */
    public Set<NodeCode> nodes(Collection<NodeCode> everyone) {
        Set<NodeCode> nodes = new TreeSet<>(Comparator.comparing(NodeCode::toString));
        if (all) {
            nodes.addAll(everyone);
        } else {
            codes.forEach(code -> nodes.add(NodeCode.parse(code)));
        }
        return nodes;
    }

    /** The nodes in both audiences, with {@code everyone} standing in for "every node". */
    public Audience and(Audience other, Collection<NodeCode> everyone) {
        if (all && other.all) {
            return ALL;
        }
        Set<NodeCode> both = nodes(everyone);
        both.retainAll(other.nodes(everyone));
        return of(both);
    }

    public String encode() {
        return all ? "*" : String.join(",", new TreeSet<>(codes));
    }

    /** Whether {@code encoded} (as {@link #encode} writes it) includes {@code node}, without building an Audience. */
    static boolean includes(String encoded, String node) {
        if (encoded.equals("*")) {
            return true;
        }
        int from = 0;
        while (from <= encoded.length()) {
            int comma = encoded.indexOf(',', from);
            int to = comma < 0 ? encoded.length() : comma;
            if (to - from == node.length() && encoded.regionMatches(from, node, 0, node.length())) {
                return true;
            }
            from = to + 1;
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Audience audience && audience.all == all && audience.codes.equals(codes);
    }

    @Override
    public int hashCode() {
        return all ? 1 : codes.hashCode();
    }

    @Override
    public String toString() {
        return all ? "every node" : codes.isEmpty() ? "HQ only" : String.join(", ", new TreeSet<>(codes));
    }
}
