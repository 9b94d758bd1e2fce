// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md): what Core.createXPathQuery returns.
// The stand-in evaluates only "//Module.Entity" without a constraint.
package com.mendix.datastorage;

public interface XPathQuery extends XPathQueryBase
{
}
