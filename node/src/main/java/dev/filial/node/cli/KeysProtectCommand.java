package dev.filial.node.cli;

import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.identity.PrivateKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code keys protect}: seal plain private keys with a passphrase, or change the passphrase of sealed ones. */
@Command(name = "protect", description = {"Seal the private keys with a passphrase (scrypt + AES-256-GCM) in "
        + "keys/private.sealed and delete the plain key files; if they are sealed already, change the passphrase.",
    "A new passphrase comes from $" + KeyPassphrase.VARIABLE + " (or the first line of the file $"
        + KeyPassphrase.FILE_VARIABLE + " names), else it is asked twice. When changing it, the current one comes "
        + "from there and the new one from $" + KeyPassphrase.NEW_VARIABLE + " (or $"
        + KeyPassphrase.NEW_FILE_VARIABLE + "), else it is asked twice."})
final class KeysProtectCommand implements Callable<Integer> {

    @Mixin
    KeysHomeOption home;

    @Override
    public Integer call() throws Exception {
        NodeHome nodeHome = home.nodeHome();
        PrivateKeys keys = nodeHome.privateKeys();
        String node = nodeHome.config().code().toString();
        switch (keys.protect()) {
            case SEALED -> System.out.println("private keys of " + node + " sealed with the passphrase in "
                    + keys.directory().resolve(PrivateKeys.SEALED) + "; the plain key files are deleted. To start, "
                    + "the node now needs the passphrase: $" + KeyPassphrase.VARIABLE + " or $"
                    + KeyPassphrase.FILE_VARIABLE + " for a service, else it asks on the terminal");
            case PASSPHRASE_CHANGED -> System.out.println("passphrase of the private keys of " + node + " changed ("
                    + keys.directory().resolve(PrivateKeys.SEALED) + ")");
            case FINISHED -> System.out.println("finished the interrupted change: the private keys of " + node
                    + " are sealed in " + keys.directory().resolve(PrivateKeys.SEALED)
                    + "; the left-over plain key files are deleted");
            default -> throw new IllegalStateException("protect cannot leave the keys plain");
        }
        return 0;
    }
}
