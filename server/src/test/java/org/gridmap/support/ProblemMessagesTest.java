package org.gridmap.support;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every problem type the server can emit (ProblemTypes) has a message in the page, in Chinese and in English
 * (web i18n.js, keys problem_&lt;name&gt;), and the page has no message for a type the server does not know.
 */
class ProblemMessagesTest {
    private static final Path I18N = Path.of("..", "web", "src", "main", "resources", "public", "js", "i18n.js");

    @Test
    void everyProblemTypeHasAChineseAndAnEnglishMessage() throws IOException {
        String js = Files.readString(I18N);
        int en = js.indexOf("\n  en: {");
        assertTrue(en > 0, "i18n.js has an en section");
        Set<String> server = new TreeSet<>();
        ProblemTypes.all().keySet().forEach(t -> server.add(t.replaceAll("^.*/problems/", "").replace('-', '_')));
        assertTrue(server.size() > 20, "the server's problem types: " + server);
        assertEquals(server, keys(js.substring(0, en)), "Chinese messages");
        assertEquals(server, keys(js.substring(en)), "English messages");
    }

    private static Set<String> keys(String section) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\bproblem_([a-z_]+): '[^']+'").matcher(section);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
