package com.emailengine.core.templating;

import java.io.IOException;
import java.io.Writer;
import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.runtime.parser.Token;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * A node put in the place of another in a parsed tree, answering everything as that node does, so that a guard can
 * stand between a node and its parent: Velocity's nodes ask their children for values and renders and never look at
 * what the children are (the few type checks it makes concern references, which are never wrapped). Guards override
 * what they check.
 */
abstract class DelegatingNode extends SimpleNode {

    protected final Node node;

    DelegatingNode(Node node) {
        super(node.getType());
        this.node = node;
    }

    /** Puts {@code guard} where child {@code index} of {@code parent} was. */
    static void replace(Node parent, int index, DelegatingNode guard) {
        guard.jjtSetParent(parent);
        parent.jjtAddChild(guard, index);
    }

    @Override
    public Object value(InternalContextAdapter context) {
        return node.value(context);
    }

    @Override
    public boolean evaluate(InternalContextAdapter context) {
        return node.evaluate(context);
    }

    @Override
    public Object execute(Object o, InternalContextAdapter context) {
        return node.execute(o, context);
    }

    @Override
    public boolean render(InternalContextAdapter context, Writer writer) throws IOException {
        return node.render(context, writer);
    }

    @Override
    public Object init(InternalContextAdapter context, Object data) throws TemplateInitException {
        return node.init(context, data);
    }

    @Override
    public String literal() {
        return node.literal();
    }

    @Override
    public Token getFirstToken() {
        return node.getFirstToken();
    }

    @Override
    public Token getLastToken() {
        return node.getLastToken();
    }

    @Override
    public int getLine() {
        return node.getLine();
    }

    @Override
    public int getColumn() {
        return node.getColumn();
    }

    @Override
    public String getTemplateName() {
        return node.getTemplateName();
    }

    @Override
    public int jjtGetNumChildren() {
        return 1;
    }

    @Override
    public Node jjtGetChild(int i) {
        return node;
    }
}
