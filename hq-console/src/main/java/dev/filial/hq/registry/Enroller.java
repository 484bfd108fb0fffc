package dev.filial.hq.registry;

import dev.filial.hq.Hub;
import dev.filial.hq.routing.HubLog;
import dev.filial.node.Node;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.enrollment.EnrollmentPackage;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Enrolls a node (BRIEF section 7): makes its key pairs, registers it, appends its snapshot to the hub
 * log, packs the snapshot as the first batches of its channel, and writes the signed enrollment package
 * with the node's keys sealed under a new passphrase.
 */
public final class Enroller {

    private final Hub hub;
    private final HubLog log;

    public Enroller(Hub hub, HubLog log) {
        this.hub = hub;
        this.log = log;
    }

    /**
     * @throws RegistryException if the code is taken or names HQ, or the role is unknown
     */
    public Enrollment enroll(NodeCode code, String name, String role, String group, Path packageFile) {
        if (code.equals(hub.code())) {
            throw new RegistryException("invalid-code", code + " is HQ's own code; choose another for the node");
        }
        if (!HubNode.ROLES.contains(role)) {
            throw new RegistryException("invalid-role", "role must be one of " + HubNode.ROLES + ", not " + role);
        }
        if (name == null || name.isBlank()) {
            throw new RegistryException("invalid-name", "give the node a name people recognise, like 'Kazan branch'");
        }
        Node node = hub.node();
        EnrollmentPackage.NodeSecrets secrets = new EnrollmentPackage.NodeSecrets(Ed25519BatchSigner.generate(),
                X25519KeyPair.generate());
        Instant now = Instant.now();
        HubNode entry = new HubNode(code, Uuid7.next(), name, role, group,
                PemKeys.publicKeyPem(PemKeys.Curve.ED25519, secrets.signer().publicKey().raw()),
                PemKeys.publicKeyPem(PemKeys.Curve.X25519, secrets.exchange().publicKey()), now.toString(), null, null);
        hub.consolidator().drainLocal();
        long rows = node.database().write(connection -> {
            hub.registry().add(connection, entry);
            node.outbox().startAt(connection, code, log.last(connection));
            return new Snapshot(node.database().dialect(), log, node.writer().clock(), hub.code())
                    .append(connection, hub.consolidator().router(connection), code);
        });
        hub.registry().added(entry);
        List<OutboundBatch> batches = node.outbox().pack(code);
        List<byte[]> files = new ArrayList<>();
        batches.forEach(batch -> files.addAll(batch.files()));
        String passphrase = EnrollmentPackage.newPassphrase();
        try {
            EnrollmentPackage.write(packageFile, node.keys().signer(),
                    new EnrollmentPackage.Hub(hub.code(), node.keys().signer().publicKey(), node.keys().exchange().publicKey()),
                    new EnrollmentPackage.Enrollee(code, entry.id(), name, role), hub.settings().addresses(), now, secrets,
                    passphrase.toCharArray(), files);
        } catch (IOException e) {
            throw new UncheckedIOException("node " + code + " is enrolled but its package could not be written to "
                    + packageFile + ": " + e.getMessage(), e);
        }
        return new Enrollment(entry, packageFile, passphrase, batches.size(), rows);
    }
}
