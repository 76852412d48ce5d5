package org.camelmm7.support;

import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Endpoint;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.spi.EndpointStrategy;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * Gives every file endpoint (the spool, the pickup, their estate's own) an in-progress repository
 * that forgets a file when it is done. Camel 4.18's default, an LRU cache of 50,000 names, keeps
 * each removed name in its queue of changes until that queue is compacted: in a soak submitting 26
 * picked-up mails a second, Camel's LRU entries grew by as many (53,206 after 10 minutes, 64,203
 * after 17; a heap dump showed them holding the pickup files' absolute paths). Camel 4.19 (CAMEL-23267) replaces that cache with a plain map; this
 * does the same for the Camel the gateway runs on. A map of the files being processed holds only
 * those: each is removed when its exchange completes.
 */
public final class FilesInProgress implements EndpointStrategy {

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        // Camel's default is a MemoryIdempotentRepository; another kind is the estate's choice, kept
        if (endpoint instanceof GenericFileEndpoint<?> files && files.getInProgressRepository() instanceof MemoryIdempotentRepository) {
            files.setInProgressRepository(MemoryIdempotentRepository.memoryIdempotentRepository(new ConcurrentHashMap<>()));
        }
        return endpoint;
    }
}
