package com.emailengine.fleet.ip;

/**
 * The mover of a machine whose addresses cannot move (the local cloud: every pool address is a loopback
 * address, bindable by every node at once): moves nothing, and says whether the address is bindable already.
 */
public final class LocalAddressMover implements AddressMover {

    private final BindCheck check;

    public LocalAddressMover(BindCheck check) {
        this.check = check;
    }

    @Override
    public boolean makeBindable(String ip) {
        return check.canBind(ip);
    }
}
