package org.camelmm7.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Set-aside mail in a directory ({@code mm7.spool.failed-uri = file:…}): a file each, named as its spool entry. */
public final class DirectorySetAside implements SetAsideMail {

    private static final int HEAD = 2048;

    private final Path directory;

    /** @param directory null when the set-aside mail is not in a directory: none is found then */
    public DirectorySetAside(Path directory) {
        this.directory = directory;
    }

    @Override
    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (directory == null || !Files.isDirectory(directory)) {
            return entries;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.sorted().toList()) {
                if (!f.getFileName().toString().startsWith(".")) {
                    try {
                        entries.add(entry(f));
                    } catch (NoSuchFileException requeuedMeanwhile) {
                        // gone between listing and reading
                    }
                }
            }
        }
        return entries;
    }

    @Override
    public Entry entry(String id) throws IOException {
        try {
            return entry(file(id));
        } catch (NoSuchFileException e) {
            throw SetAsideMail.noSuch(id);
        }
    }

    private static Entry entry(Path f) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(f)) {
            head = in.readNBytes(HEAD);
        }
        String name = f.getFileName().toString();
        return new Entry(name, name, Files.size(f), Files.getLastModifiedTime(f).toInstant(), SetAsideMail.reason(head));
    }

    @Override
    public byte[] read(String id) throws IOException {
        try {
            return Files.readAllBytes(file(id));
        } catch (NoSuchFileException e) {
            throw SetAsideMail.noSuch(id);
        }
    }

    @Override
    public void delete(String id) throws IOException {
        if (!Files.deleteIfExists(file(id))) {
            throw SetAsideMail.noSuch(id);
        }
    }

    /** Only a plain name of this directory: no path, no hidden file. */
    private Path file(String id) {
        if (directory == null || id == null || id.isEmpty() || id.startsWith(".") || id.contains("/") || id.contains("\\") || id.indexOf('\0') >= 0) {
            throw SetAsideMail.noSuch(String.valueOf(id));
        }
        return directory.resolve(id);
    }
}
