package dev.filial.node.cli;

import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.identity.PrivateKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code keys unprotect}: back to plain owner-only key files. */
@Command(name = "unprotect", description = {"Write the sealed private keys back as plain owner-only PEM files and "
        + "delete keys/private.sealed: the node then starts without a passphrase.",
    "The passphrase comes from $" + KeyPassphrase.VARIABLE + " (or the first line of the file $"
        + KeyPassphrase.FILE_VARIABLE + " names), else it is asked."})
final class KeysUnprotectCommand implements Callable<Integer> {

    @Mixin
    KeysHomeOption home;

    @Override
    public Integer call() throws Exception {
        NodeHome nodeHome = home.nodeHome();
        PrivateKeys keys = nodeHome.privateKeys();
        String node = nodeHome.config().code().toString();
        switch (keys.unprotect()) {
            case UNSEALED -> System.out.println("private keys of " + node + " are plain owner-only files again in "
                    + keys.directory() + ": not passphrase-protected; the sealed file is deleted");
            case FINISHED -> System.out.println("finished the interrupted change: the private keys of " + node
                    + " are plain owner-only files in " + keys.directory() + "; the left-over sealed file is deleted");
            case NONE -> System.out.println("the private keys of " + node + " in " + keys.directory()
                    + " are not passphrase-protected; nothing to do");
            default -> throw new IllegalStateException("unprotect cannot seal the keys");
        }
        return 0;
    }
}
