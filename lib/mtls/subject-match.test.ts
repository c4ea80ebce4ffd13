// tls_client_auth's subject matching and the forwarded-certificate parser, on
// certificates read by node:crypto (made here from fixed PEM-free inputs is not
// possible without a generator, so the DN parser is tested on strings).
import { describe, expect, it } from "vitest";
import { dnPairs } from "@/lib/mtls/subject-match";
import { CertificateFormatError, parseForwardedCertificate } from "@/lib/mtls/certificate";

describe("dnPairs", () => {
  it("reads RFC 4514 strings and Node's newline-separated subjects alike, in any RDN order", () => {
    expect(dnPairs("CN=agent one,O=Example\\, Inc.,C=DE")).toEqual(dnPairs("C=DE\nO=Example\\, Inc.\nCN=agent one"));
    expect(dnPairs("cn=a, o=b")).toEqual(["CN=a", "O=b"]);
  });

  it("unescapes hex pairs and keeps escaped separators inside values", () => {
    expect(dnPairs("CN=a\\2Cb")).toEqual(["CN=a,b"]);
    expect(dnPairs("CN=a\\+b")).toEqual(["CN=a+b"]);
  });

  it("tells different names apart", () => {
    expect(dnPairs("CN=a,O=b")).not.toEqual(dnPairs("CN=a,O=c"));
    expect(dnPairs("CN=a,O=b")).not.toEqual(dnPairs("CN=a"));
  });
});

describe("parseForwardedCertificate", () => {
  it.each([
    ["text that is neither PEM nor base64", "hello world!", "neither PEM nor base64 DER"],
    ["base64 that is not a certificate", "MIIBAAAA", "not an X.509 certificate"],
    ["broken URL escaping", "%E0%A4%A", "not valid URL-escaped PEM"],
    ["an oversized header", "A".repeat(20_000), "too long"],
  ])("refuses %s", (_name, value, message) => {
    expect(() => parseForwardedCertificate(value)).toThrow(CertificateFormatError);
    expect(() => parseForwardedCertificate(value)).toThrow(message);
  });
});
