package com.emailengine.core.templating;

import java.io.Reader;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.resource.Resource;
import org.apache.velocity.runtime.resource.loader.ResourceLoader;
import org.apache.velocity.util.ExtProperties;

/**
 * A Velocity resource loader that finds nothing. Velocity insists on one; with this one, {@code #include}
 * and {@code #parse} in a template fail instead of reading files (the default file loader would).
 */
public final class NoResourceLoader extends ResourceLoader {

    @Override
    public void init(ExtProperties configuration) {
        // Nothing to configure.
    }

    @Override
    public Reader getResourceReader(String source, String encoding) {
        throw new ResourceNotFoundException("templates may not include other resources: " + source);
    }

    @Override
    public boolean isSourceModified(Resource resource) {
        return false;
    }

    @Override
    public long getLastModified(Resource resource) {
        return 0;
    }
}
