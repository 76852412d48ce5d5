package org.camelmm7.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One logger instance, an mms_logger, an mms_bounce_logger or a mail logger: its file, mode,
 * heartbeat and the compiled format of each record it writes (a record switched off has none).
 */
public final class MmsLogger {

    private final String name;
    private final RecordType.Log log;
    private final Path file;
    private final String mode;
    private final long heartbeatSeconds;
    private final Map<RecordType, LogFormat> formats;
    private final String target;

    MmsLogger(String name, RecordType.Log log, Path file, String mode, long heartbeatSeconds, Map<RecordType, LogFormat> formats) {
        this.name = name;
        this.log = log;
        this.file = file.toAbsolutePath().normalize();
        this.mode = mode;
        this.heartbeatSeconds = heartbeatSeconds;
        this.formats = Map.copyOf(formats);
        this.target = "file:" + this.file.getParent() + "?fileName=" + this.file.getFileName() + "&fileExist=Append&chmod=" + mode;
    }

    /**
     * Reads an instance's options through {@code option} (the option's name → its configured
     * value or null); every option must have a value (application.properties holds Momentum's defaults).
     */
    public static MmsLogger configure(String name, RecordType.Log log, Function<String, String> option) {
        boolean bounce = log == RecordType.Log.BOUNCE;
        String fileKey = bounce ? "bounce-logfile" : "logfile";
        String modeKey = bounce ? "bounce-logmode" : "logmode";
        String file = required(option, name, fileKey);
        String mode = required(option, name, modeKey).trim();
        if (!mode.matches("0?[0-7]{3}")) {
            throw new IllegalArgumentException(name + "." + modeKey + " '" + mode + "' is not an octal file mode such as 0644");
        }
        long heartbeat;
        try {
            heartbeat = Long.parseLong(required(option, name, "heartbeat").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ".heartbeat '" + option.apply("heartbeat") + "' is not a number of seconds");
        }
        Map<RecordType, LogFormat> formats = new EnumMap<>(RecordType.class);
        for (RecordType type : RecordType.values()) {
            if (type.log() != log) {
                continue;
            }
            boolean enabled = type.isHeartbeat() ? heartbeat > 0 : Boolean.parseBoolean(required(option, name, type.option()).trim());
            if (enabled) {
                String format = required(option, name, type.option() + "-format");
                formats.put(type, LogFormat.compile(format, name + "." + type.option() + "-format"));
            }
        }
        return new MmsLogger(name, log, Path.of(file), mode.length() == 3 ? "0" + mode : mode, heartbeat, formats);
    }

    /** Creates the log directory if needed; refuses one the gateway cannot write to. */
    void prepareDirectory() {
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException(name + ": log directory " + dir + " cannot be created: " + e, e);
        }
        if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new IllegalStateException(name + ": log file " + file + " is not writable");
        }
    }

    /** The record as a line of this log (without newline), or null when this logger does not write that record. */
    public String format(RecordType type, MmsEvent event) {
        LogFormat format = formats.get(type);
        return format == null ? null : format.format(event);
    }

    /** The Camel file endpoint that appends to this log, with its mode. */
    public String target() {
        return target;
    }

    public String name() {
        return name;
    }

    public RecordType.Log log() {
        return log;
    }

    public Path file() {
        return file;
    }

    public long heartbeatSeconds() {
        return heartbeatSeconds;
    }

    public RecordType heartbeatRecord() {
        return switch (log) {
            case MMS -> RecordType.HEARTBEAT;
            case BOUNCE -> RecordType.BOUNCE_HEARTBEAT;
            case MAIL -> RecordType.MAIL_HEARTBEAT;
        };
    }

    private static String required(Function<String, String> option, String name, String key) {
        String value = option.apply(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + "." + key + " is not set");
        }
        return value;
    }
}
