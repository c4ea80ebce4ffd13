// Warden's version, from package.json: the same whether the process was started
// by npm (which would also set npm_package_version), by node directly, or in a container.
import packageJson from "@/package.json";

export const WARDEN_VERSION: string = packageJson.version;
