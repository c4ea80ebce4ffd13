import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/config/env";

describe("parseEnv", () => {
  it("has working defaults for the quick start", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, WARDEN_DATA_DIR: "./data", WARDEN_ENV: "development", WARDEN_ADMIN_EMAIL: "admin@warden.local" });
    expect(env.DATABASE_URL).toBeUndefined();
  });
  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv({ WARDEN_SECRET: "short" })).toThrow(/WARDEN_SECRET: must be at least 32/);
    expect(() => parseEnv({ WARDEN_ENV: "production" })).toThrow(/WARDEN_SECRET: is required/);
    expect(() => parseEnv({ WARDEN_OIDC_ISSUER: "https://idp.example" })).toThrow(/must be set together/);
    expect(() => parseEnv({ PORT: "0" })).toThrow(ConfigError);
  });
  it("reads lists and PostgreSQL URLs", () => {
    const env = parseEnv({ WARDEN_TRUSTED_PROXIES: " 10.0.0.1 ,10.0.0.2,", DATABASE_URL: "postgresql://u@h/db" });
    expect(env.WARDEN_TRUSTED_PROXIES).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(env.DATABASE_URL).toBe("postgresql://u@h/db");
  });
});
