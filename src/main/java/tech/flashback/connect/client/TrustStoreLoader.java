package tech.flashback.connect.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds the TLS trust material from a configured trust store file. */
final class TrustStoreLoader {

  private TrustStoreLoader() {}

  record Tls(SSLContext context, X509TrustManager trustManager) {}

  static Tls load(TrustStore store) {
    try (InputStream in = Files.newInputStream(store.path())) {
      KeyStore keyStore = KeyStore.getInstance(store.type());
      char[] password = store.password() == null ? null : store.password().value().toCharArray();
      keyStore.load(in, password);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(keyStore);
      X509TrustManager trustManager = x509(factory.getTrustManagers());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return new Tls(context, trustManager);
    } catch (IOException | GeneralSecurityException e) {
      // The exception text names the file and the cause ("password was incorrect"), never the
      // password itself.
      throw new IllegalArgumentException(
          "cannot load trust store " + store.path() + " (" + store.type() + "): " + e.getMessage(),
          e);
    }
  }

  private static X509TrustManager x509(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("the JVM offers no X.509 trust manager");
  }
}
