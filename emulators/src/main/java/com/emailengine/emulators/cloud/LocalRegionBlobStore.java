package com.emailengine.emulators.cloud;

import java.util.Set;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.options.CreateContainerOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.domain.Location;
import org.jclouds.domain.LocationBuilder;
import org.jclouds.domain.LocationScope;

/**
 * A jclouds store whose one location is the local region. Outside us-east-1 the SDK sends CreateBucket
 * with a LocationConstraint naming the client's region, and s3proxy accepts only constraints that name
 * one of the store's locations; the memory and folder stores have a single location named after
 * themselves ("transient", "filesystem"), so every CreateBucket from an eu-west-1 client would fail.
 */
final class LocalRegionBlobStore extends ForwardingBlobStore {

    private final Location region;

    LocalRegionBlobStore(BlobStore store, String regionId) {
        super(store);
        this.region = new LocationBuilder().scope(LocationScope.REGION).id(regionId).description(regionId).build();
    }

    @Override
    public Set<? extends Location> listAssignableLocations() {
        return Set.of(region);
    }

    @Override
    public boolean createContainerInLocation(Location location, String container) {
        return delegate().createContainerInLocation(null, container);
    }

    @Override
    public boolean createContainerInLocation(Location location, String container, CreateContainerOptions options) {
        return delegate().createContainerInLocation(null, container, options);
    }
}
