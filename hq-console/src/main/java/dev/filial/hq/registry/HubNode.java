package dev.filial.hq.registry;

import dev.filial.protocol.change.NodeCode;
import java.util.List;

/**
 * A node enrolled by this hub: identity, role, routing group, public keys, and whether it has been
 * revoked (and why).
 *
 * @param group         the routing group its rules come from (null: none)
 * @param signingPem    its Ed25519 public key, PEM
 * @param exchangePem   its X25519 public key, PEM
 * @param revokedReason null while the node is trusted
 */
public record HubNode(NodeCode code, String id, String name, String role, String group, String signingPem,
                      String exchangePem, String enrolledAt, String revokedAt, String revokedReason) {

    /** The roles a node can be enrolled in. */
    public static final List<String> ROLES = List.of("branch", "agent", "dealer");

    public boolean revoked() {
        return revokedReason != null;
    }
}
