package io.stratusmq.security;

import io.stratusmq.routing.InvalidTopicException;
import io.stratusmq.routing.TopicFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Mosquitto's {@code acl_file} syntax (mosquitto.conf(5), {@code acl_file}):
 *
 * <pre>
 * # comment
 * topic [read|write|readwrite|deny] &lt;filter&gt;     (anonymous clients until the first user line)
 * user &lt;username&gt;
 * topic [read|write|readwrite|deny] &lt;filter&gt;     (that user)
 * pattern [read|write|readwrite|deny] &lt;filter&gt;   (every client; %u username, %c client id)
 * </pre>
 *
 * The access defaults to readwrite. As in Mosquitto, a filter holding a space needs the access word; here a
 * line that would be misread without it is an error instead. Every line that cannot be read is an error naming
 * the line: an ACL with a rule silently dropped could grant what the author meant to deny.
 */
public final class AclFile {

    private AclFile() {
    }

    public static Acl read(Path path) throws IOException {
        return parse(Files.readAllLines(path, StandardCharsets.UTF_8), path.toString());
    }

    /**
     * @param source named in error messages, e.g. the file name
     * @throws AclSyntaxException naming the first line that cannot be read
     */
    public static Acl parse(List<String> lines, String source) {
        List<AclRule> anonymous = new ArrayList<>();
        Map<String, List<AclRule>> users = new LinkedHashMap<>();
        List<AclRule> patterns = new ArrayList<>();
        List<AclRule> section = anonymous;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String keyword = firstWord(line);
            String rest = line.substring(keyword.length()).strip();
            switch (keyword) {
                case "user" -> {
                    if (rest.isEmpty()) {
                        throw new AclSyntaxException(where + ": 'user' needs a username");
                    }
                    section = users.computeIfAbsent(rest, u -> new ArrayList<>());
                }
                case "topic" -> section.add(rule(rest, false, where));
                case "pattern" -> patterns.add(rule(rest, true, where));
                default -> throw new AclSyntaxException(
                        where + ": expected 'topic', 'pattern' or 'user', found '" + keyword + "'");
            }
        }
        return new Acl(anonymous, users, patterns);
    }

    /**
     * Reads one user's rules as kept in Redis: {@code topic} and {@code pattern} lines as in a file, one per line,
     * all for that user ({@code pattern} lines too, so {@code %c} can tie a user to client ids).
     */
    public static List<AclRule> parseUserRules(String text, String source) {
        List<AclRule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String keyword = firstWord(line);
            String rest = line.substring(keyword.length()).strip();
            switch (keyword) {
                case "topic" -> rules.add(rule(rest, false, where));
                case "pattern" -> rules.add(rule(rest, true, where));
                default -> throw new AclSyntaxException(
                        where + ": expected 'topic' or 'pattern', found '" + keyword + "'");
            }
        }
        return rules;
    }

    private static AclRule rule(String rest, boolean pattern, String where) {
        if (rest.isEmpty()) {
            throw new AclSyntaxException(where + ": a topic filter is missing");
        }
        String word = firstWord(rest);
        Access access = Access.ofKeyword(word);
        String filter;
        if (access != null) {
            filter = rest.substring(word.length()).strip();
            if (filter.isEmpty()) {
                throw new AclSyntaxException(where + ": a topic filter is missing after '" + word + "'");
            }
        } else {
            if (!word.equals(rest)) {
                throw new AclSyntaxException(where + ": '" + word + "' is not read, write, readwrite or deny; "
                        + "a filter holding a space needs the access word before it");
            }
            access = Access.READWRITE;
            filter = rest;
        }
        checkFilter(filter, where);
        return new AclRule(access, filter, pattern);
    }

    private static void checkFilter(String filter, String where) {
        TopicFilter parsed;
        try {
            parsed = TopicFilter.parse(filter);
        } catch (InvalidTopicException e) {
            throw new AclSyntaxException(where + ": " + e.getMessage());
        }
        if (parsed.isShared()) {
            throw new AclSyntaxException(where + ": rules apply to the filter after $share/{group}/, "
                    + "so a rule cannot start with $share");
        }
    }

    private static String firstWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return s.substring(0, i);
            }
        }
        return s;
    }
}
