package io.stratusmq.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code passwd}: adds, changes and deletes users in a Mosquitto-format password file without Mosquitto, with the
 * options of {@code mosquitto_passwd}:
 *
 * <pre>
 * passwd [-c | -D] [-I iterations] FILE USER          password from the terminal (twice), or one line of stdin
 * passwd [-c] [-I iterations] -b FILE USER PASSWORD   password on the command line (visible to ps; scripts only)
 * </pre>
 *
 * {@code -c} creates the file, replacing one that exists; {@code -D} deletes the user. Hashes are {@code $7$}
 * (PBKDF2-HMAC-SHA512) with {@link PasswordHash#DEFAULT_ITERATIONS} iterations unless {@code -I} says otherwise.
 * Exit status: 0 done, 1 failed, 2 wrong usage.
 */
public final class PasswdCommand {

    static final String USAGE = """
            usage: passwd [-c | -D] [-I iterations] FILE USER
                   passwd [-c] [-I iterations] -b FILE USER PASSWORD
              -c  create FILE, replacing it if it exists
              -D  delete USER
              -b  take PASSWORD from the command line (it shows in the process list: for scripts only)
              -I  PBKDF2 iterations for the new hash (default %d)
            Without -b the password is read twice from the terminal, or once from the first line of stdin.
            """.formatted(PasswordHash.DEFAULT_ITERATIONS);

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Console console;
    private final SecureRandom random;

    /**
     * @param console the terminal to read passwords from without echo, or null to read stdin
     */
    public PasswdCommand(InputStream in, PrintStream out, PrintStream err, Console console, SecureRandom random) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.console = console;
        this.random = random;
    }

    /** Runs the command with the process's streams and terminal; returns the exit status. */
    public static int main(String... args) {
        return new PasswdCommand(System.in, System.out, System.err, System.console(), new SecureRandom()).run(args);
    }

    public int run(String... args) {
        boolean create = false;
        boolean delete = false;
        boolean batch = false;
        int iterations = PasswordHash.DEFAULT_ITERATIONS;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c" -> create = true;
                case "-D" -> delete = true;
                case "-b" -> batch = true;
                case "-I" -> {
                    if (i + 1 >= args.length) {
                        return usage("-I needs a number");
                    }
                    try {
                        iterations = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        return usage("-I needs a number");
                    }
                    if (iterations < 1 || iterations > PasswordHash.MAX_ITERATIONS) {
                        return usage("-I must be within 1.." + PasswordHash.MAX_ITERATIONS);
                    }
                }
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("-") && args[i].length() > 1) {
                        return usage("unknown option " + args[i]);
                    }
                    positional.add(args[i]);
                }
            }
        }
        if (create && delete) {
            return usage("-c and -D exclude each other");
        }
        if (delete && batch) {
            return usage("-D takes no password");
        }
        if (positional.size() != (batch ? 3 : 2)) {
            return usage(batch ? "-b needs FILE USER PASSWORD" : "expected FILE USER");
        }
        Path file = Path.of(positional.get(0));
        String user = positional.get(1);
        try {
            PasswordFile.checkUsername(user);
        } catch (IllegalArgumentException e) {
            err.println("passwd: " + e.getMessage());
            return 1;
        }
        try {
            List<String> lines = create ? List.of() : readExisting(file);
            if (delete) {
                List<String> kept = PasswordFile.withoutUser(lines, user);
                if (kept.size() == lines.size()) {
                    err.println("passwd: user " + user + " is not in " + file);
                    return 1;
                }
                PasswordFile.write(file, kept);
                return 0;
            }
            byte[] password = batch ? positional.get(2).getBytes(StandardCharsets.UTF_8) : readPassword();
            if (password == null) {
                return 1;
            }
            try {
                PasswordHash hash = PasswordHash.create(password, iterations, random);
                PasswordFile.write(file, PasswordFile.withUser(lines, user, hash));
            } finally {
                Arrays.fill(password, (byte) 0);
            }
            return 0;
        } catch (NoSuchFileException e) {
            err.println("passwd: " + file + " does not exist (-c creates it)");
            return 1;
        } catch (IOException e) {
            err.println("passwd: " + file + ": " + e);
            return 1;
        }
    }

    private static List<String> readExisting(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** Twice from the terminal without echo, as mosquitto_passwd asks; else the first line of stdin. */
    private byte[] readPassword() throws IOException {
        String password;
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Reenter password: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                err.println("passwd: the passwords do not match");
                return null;
            }
            password = new String(first);
            Arrays.fill(first, '\0');
            Arrays.fill(again, '\0');
        } else {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            password = reader.readLine();
            if (password == null) {
                err.println("passwd: no password on stdin");
                return null;
            }
        }
        if (password.isEmpty()) {
            err.println("passwd: the password is empty");
            return null;
        }
        return password.getBytes(StandardCharsets.UTF_8);
    }

    private int usage(String problem) {
        err.println("passwd: " + problem);
        err.print(USAGE);
        return 2;
    }
}
