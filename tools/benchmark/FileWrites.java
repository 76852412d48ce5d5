import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the disk does with a mail leg's files, without the gateway: THREADS threads each write a file of
 * KIB KiB and force it, for SECONDS, into DIR (which must not exist yet); prints the files a second.
 * <ul>
 * <li>{@code sync}: write and force, as the sync floor does with each request;</li>
 * <li>{@code rename}: the same under a temporary name, then renamed into place, as Camel's file producer
 * does with {@code tempFileName};</li>
 * <li>{@code rename-dir-sync}: the same, then the directory forced by each thread for its own file (the
 * gateway shares one directory sync among the files renamed before it).</li>
 * </ul>
 * Usage: {@code java FileWrites.java MODE THREADS SECONDS DIR [KIB]}
 */
public class FileWrites {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int threads = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        Path dir = Files.createDirectory(Path.of(args[3]));
        byte[] content = new byte[1024 * (args.length > 4 ? Integer.parseInt(args[4]) : 44)];
        new Random(2301).nextBytes(content);
        AtomicLong names = new AtomicLong();
        AtomicLong written = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] writers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            writers[t] = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        String name = "m" + names.incrementAndGet();
                        switch (mode) {
                            case "sync" -> write(dir.resolve(name), content);
                            case "rename" -> renamed(dir, name, content);
                            case "rename-dir-sync" -> {
                                renamed(dir, name, content);
                                force(dir);
                            }
                            default -> throw new IllegalArgumentException("no mode " + mode);
                        }
                        written.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        System.out.printf("file-writes mode=%s threads=%d kib=%d files_per_s=%.0f%n", mode, threads, content.length / 1024,
                written.get() / (double) seconds);
    }

    private static void renamed(Path dir, String name, byte[] content) throws IOException {
        Path temporary = dir.resolve("." + name + ".part");
        write(temporary, content);
        Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    private static void force(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
