package dev.filial.node.cli;

import dev.filial.protocol.change.NodeCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "trust", description = "Trust a peer's public keys (the hub's, until enrollment packages exist).")
final class TrustCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--node", required = true, description = "the peer's code, e.g. HQ")
    String node;

    @Option(names = "--signing-key", required = true, description = "the peer's Ed25519 public key (PEM)")
    Path signingKey;

    @Option(names = "--exchange-key", description = "the peer's X25519 public key (PEM), to encrypt batches to it")
    Path exchangeKey;

    @Override
    public Integer call() throws Exception {
        home.nodeHome().peers().trust(NodeCode.parse(node), Files.readString(signingKey),
                exchangeKey == null ? null : Files.readString(exchangeKey));
        System.out.println("now trusting " + node);
        return 0;
    }
}
