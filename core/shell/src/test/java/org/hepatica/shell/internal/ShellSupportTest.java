package org.hepatica.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellSupportTest {

    /** A session with these variables and this current directory; nothing else. */
    private static Session session(Map<String, Object> variables, Path dir) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> variables.get((String) args[0]);
                    case "currentDir" -> dir;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void withoutASubjectTheUserIsTheSessionsOrTheFallback() {
        assertEquals("ana", ShellSupport.user(session(Map.of("USER", "ana"), null)));
        assertEquals("karaf-shell", ShellSupport.user(session(Map.of(), null)));
        assertEquals("karaf-shell", ShellSupport.user(null));
    }

    @Test
    void aFileIsFoundRelativeToTheSessionsDirectory(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("hcc-2024.csv"), "patient_id\n");
        assertEquals(csv, ShellSupport.readableFile(session(Map.of(), dir), "hcc-2024.csv"));
        assertEquals(csv, ShellSupport.readableFile(session(Map.of(), Path.of("/")), csv.toString()));
        CommandException e = assertThrows(CommandException.class,
                () -> ShellSupport.readableFile(session(Map.of(), dir), "missing.csv"));
        assertTrue(e.getMessage().startsWith("no readable file ") && e.getMessage().endsWith("missing.csv"), e.getMessage());
    }

    @Test
    void theDefaultNameIsTheFilesBaseName() {
        assertEquals("hcc-2024", ShellSupport.baseName(Path.of("/in/hcc-2024.csv")));
        assertEquals("cohort.v2", ShellSupport.baseName(Path.of("cohort.v2.csv")));
        assertEquals("export", ShellSupport.baseName(Path.of("export")));
        assertEquals(".hidden", ShellSupport.baseName(Path.of(".hidden")));
    }
}
