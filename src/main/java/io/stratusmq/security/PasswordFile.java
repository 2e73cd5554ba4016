package io.stratusmq.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mosquitto's {@code password_file} format: one {@code username:hash} per line, {@code #} starts a comment line,
 * blanks around either part are ignored (Mosquitto 2.0, src/security_default.c {@code pwfile__parse}). Hashes
 * are read by {@link PasswordHash}.
 *
 * <p>Reading is lenient the way Mosquitto is: a line that cannot be used is reported and left out, so that user
 * cannot log in, and the others still can. Editing keeps every other line as it was.
 */
public final class PasswordFile {

    private PasswordFile() {
    }

    /**
     * What a password file holds.
     *
     * @param users the usable entries, in file order
     * @param problems one message per line left out ("line 3: ..."); never contains a hash
     */
    public record Contents(Map<String, PasswordHash> users, List<String> problems) {
    }

    public static Contents read(Path path) throws IOException {
        return parse(Files.readAllLines(path, StandardCharsets.UTF_8));
    }

    public static Contents parse(List<String> lines) {
        Map<String, PasswordHash> users = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String user = colon < 0 ? line : line.substring(0, colon).strip();
            if (colon < 0 || user.isEmpty()) {
                problems.add("line " + (i + 1) + ": expected username:hash");
                continue;
            }
            if (users.containsKey(user)) {
                problems.add("line " + (i + 1) + ": user \"" + user + "\" appears again; the first entry is used");
                continue;
            }
            try {
                users.put(user, PasswordHash.parse(line.substring(colon + 1).strip()));
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": user \"" + user + "\": " + e.getMessage());
            }
        }
        return new Contents(Collections.unmodifiableMap(users), List.copyOf(problems));
    }

    /** The lines with this user's entry replaced, or added at the end when the user has none. */
    public static List<String> withUser(List<String> lines, String user, PasswordHash hash) {
        checkUsername(user);
        List<String> out = new ArrayList<>(lines.size() + 1);
        boolean replaced = false;
        for (String line : lines) {
            if (isEntryOf(line, user)) {
                if (!replaced) {
                    out.add(user + ":" + hash.encoded());
                    replaced = true;
                }
                continue; // later duplicates go: they could only confuse
            }
            out.add(line);
        }
        if (!replaced) {
            out.add(user + ":" + hash.encoded());
        }
        return out;
    }

    /** The lines without this user's entries. */
    public static List<String> withoutUser(List<String> lines, String user) {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (!isEntryOf(line, user)) {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * Writes the file through a temporary file renamed over it, so a reader never sees half a file. A new file
     * is readable by its owner only (0600 where the file system has POSIX permissions); an existing file keeps
     * its permissions.
     */
    public static void write(Path path, List<String> lines) throws IOException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            if (Files.exists(target)) {
                copyPermissions(target, tmp);
            } else {
                restrictToOwner(tmp);
            }
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** mosquitto_passwd refuses ':' in a username (it would end the name) and control characters. */
    public static void checkUsername(String user) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("the username is empty");
        }
        if (!user.equals(user.strip())) {
            throw new IllegalArgumentException("the username starts or ends with a blank, which the file format drops");
        }
        for (int i = 0; i < user.length(); i++) {
            char ch = user.charAt(i);
            if (ch == ':' || Character.isISOControl(ch)) {
                throw new IllegalArgumentException("the username contains ':' or a control character");
            }
        }
        if (user.startsWith("#")) {
            throw new IllegalArgumentException("a username starting with '#' would read as a comment");
        }
    }

    private static boolean isEntryOf(String line, String user) {
        String s = line.strip();
        if (s.startsWith("#")) {
            return false;
        }
        int colon = s.indexOf(':');
        return colon >= 0 && s.substring(0, colon).strip().equals(user);
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the temporary file's defaults apply
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
