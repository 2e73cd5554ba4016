package io.stratusmq.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.stratusmq.security.PasswdCommand;
import java.util.Arrays;

/**
 * The application's entry point: {@code java -jar quarkus-run.jar} starts the broker;
 * {@code java -jar quarkus-run.jar passwd [-c | -D] [-I iterations] FILE USER} manages a Mosquitto-format
 * password file and exits before Quarkus starts (no ports opened, no configuration read), so it also works
 * next to a running broker and in the native executable.
 */
@QuarkusMain
public class StratusMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("passwd")) {
            System.exit(PasswdCommand.main(Arrays.copyOfRange(args, 1, args.length)));
        }
        Quarkus.run(args);
    }
}
