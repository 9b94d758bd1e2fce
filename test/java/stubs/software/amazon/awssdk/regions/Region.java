// Test stub: just enough of the real API to compile the generated Java.
package software.amazon.awssdk.regions;
public final class Region {
	private final String id;
	private Region(String id) { this.id = id; }
	public static Region of(String id) { return new Region(id); }
	public String id() { return id; }
}
