package org.telesynth.io;

import org.telesynth.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What code and runtime produced an output: version, git commit when run from a checkout, JVM and OS. */
public final class BuildInfo {
    private BuildInfo() {
    }

    /** {@code version}, {@code git_commit} (or "unknown" outside a checkout), {@code java}, {@code os}. */
    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", Version.version());
        m.put("git_commit", gitCommit());
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return m;
    }

    /**
     * The commit checked out in the repository the code was loaded from (target/telesynth.jar or target/classes
     * sits two levels below the checkout), read from {@code .git/HEAD}; "unknown" when there is none.
     */
    static String gitCommit() {
        try {
            Path code = Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                Path git = dir.resolve(".git");
                if (Files.isDirectory(git)) {
                    String head = Files.readString(git.resolve("HEAD")).strip();
                    if (!head.startsWith("ref: ")) {
                        return head;
                    }
                    String ref = head.substring(5);
                    Path loose = git.resolve(ref);
                    if (Files.isRegularFile(loose)) {
                        return Files.readString(loose).strip();
                    }
                    Path packed = git.resolve("packed-refs");
                    if (Files.isRegularFile(packed)) {
                        for (String line : Files.readAllLines(packed)) {
                            if (line.endsWith(" " + ref)) {
                                return line.substring(0, line.indexOf(' '));
                            }
                        }
                    }
                    return "unknown";
                }
            }
        } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
            return "unknown";
        }
        return "unknown";
    }
}
