// Test stub: just enough of the real API to compile and run the generated Java.
package software.amazon.awssdk.services.sts.model;
public final class AssumeRoleRequest {
	private final String description;
	private AssumeRoleRequest(String description) { this.description = description; }
	public static Builder builder() { return new Builder(); }
	@Override public String toString() { return description; }
	public static final class Builder {
		private String roleArn; private String sessionName; private String externalId;
		public Builder roleArn(String v) { roleArn = v; return this; }
		public Builder roleSessionName(String v) { sessionName = v; return this; }
		public Builder externalId(String v) { externalId = v; return this; }
		public AssumeRoleRequest build() { return new AssumeRoleRequest(roleArn + "," + sessionName + "," + externalId); }
	}
}
