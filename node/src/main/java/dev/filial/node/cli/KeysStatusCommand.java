package dev.filial.node.cli;

import dev.filial.node.identity.NodeConfig;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.identity.PrivateKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code keys status}: whether the private keys are sealed, where they are, the public keys' fingerprints. */
@Command(name = "status", description = "Whether the private keys are protected with a passphrase, where they are, "
        + "and the SHA-256 fingerprints of the public keys. Needs no passphrase.")
final class KeysStatusCommand implements Callable<Integer> {

    @Mixin
    KeysHomeOption home;

    @Override
    public Integer call() throws Exception {
        NodeHome nodeHome = home.nodeHome();
        NodeConfig config = nodeHome.config();
        PrivateKeys keys = nodeHome.privateKeys();
        PrivateKeys.Status status = keys.status();
        System.out.printf("node        %s (id %s)%n", config.code(), config.id());
        System.out.println("private     " + status.summary());
        System.out.printf("signing     SHA256 %s (%s)%n", status.signing(),
                keys.directory().resolve("signing.pub.pem"));
        System.out.printf("exchange    SHA256 %s (%s)%n", status.exchange(),
                keys.directory().resolve("exchange.pub.pem"));
        keys.interruption().ifPresent(warning -> System.out.println("warning     " + warning));
        return 0;
    }
}
