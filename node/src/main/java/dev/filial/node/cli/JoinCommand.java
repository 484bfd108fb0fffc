package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.store.Engine;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "join", description = "Create this node from the enrollment package HQ wrote for it, offline: identity, "
        + "keys, the hub's keys, and the initial data.")
final class JoinCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--package", required = true, paramLabel = "FILE", description = "the enrollment package (.filial)")
    Path packageFile;

    @Option(names = "--engine", defaultValue = "sqlite", description = "sqlite (default) or derby")
    String engine;

    @Option(names = "--protect-keys", description = "seal the node's private keys with a passphrase of its own: from "
            + "$FILIAL_KEY_PASSPHRASE (or the file $FILIAL_KEY_PASSPHRASE_FILE names), else asked twice; the node "
            + "then needs it to start")
    boolean protectKeys;

    @Override
    public Integer call() throws Exception {
        char[] passphrase = passphrase();
        try (Node node = Node.join(home.nodeHome(), packageFile, passphrase, Engine.parse(engine), protectKeys)) {
            System.out.printf("node %s (id %s) joined hub %s in %s; %s%n", node.config().code(), node.config().id(),
                    node.config().hub(), node.home().root(), node.config().hubUrl() == null
                            ? "no HTTP address in the package: exchange by file" : "hub at " + node.config().hubUrl());
            System.out.printf("private keys: %s%n", node.home().privateKeys().status().summary());
        }
        return 0;
    }

    /** From $FILIAL_PASSPHRASE, else asked on the terminal (never as an argument: it would show in ps). */
    private char[] passphrase() {
        String fromEnvironment = home.root().environment().apply("FILIAL_PASSPHRASE");
        if (fromEnvironment != null) {
            return fromEnvironment.toCharArray();
        }
        char[] typed = home.root().terminal().readPassword("passphrase of the package: ");
        if (typed == null) {
            throw new IllegalArgumentException(
                    "set FILIAL_PASSPHRASE to the package's passphrase (no terminal to ask on)");
        }
        return typed;
    }
}
