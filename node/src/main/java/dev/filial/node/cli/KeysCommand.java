package dev.filial.node.cli;

import picocli.CommandLine.Command;

/**
 * {@code keys}: the form of the private keys (plain owner-only files, or sealed with a passphrase) and the
 * commands that change it. Shared by {@code filial-node} and {@code filial-hq}.
 */
@Command(name = "keys", description = "The private keys at rest: status, protect with a passphrase (or change it), "
        + "unprotect.", subcommands = {KeysStatusCommand.class, KeysProtectCommand.class, KeysUnprotectCommand.class})
public final class KeysCommand {
}
