<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>OpenWorkspace</name>
    <message>
        <source>Open workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Flowlet workspaces (*.db *.sqlite);;All files (*)</source>
        <translation>Flowlet-Arbeitsbereiche (*.db *.sqlite);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>PanelRegistry</name>
    <message>
        <source>Transactions</source>
        <translation>Transaktionen</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cannot open the workspace</source>
        <translation>Der Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Open another workspace file, create a new workspace, or quit.</source>
        <translation>Öffnen Sie eine andere Arbeitsbereichsdatei, legen Sie einen neuen Arbeitsbereich an oder beenden Sie das Programm.</translation>
    </message>
    <message>
        <source>Open another…</source>
        <translation>Anderen öffnen…</translation>
    </message>
    <message>
        <source>Create new…</source>
        <translation>Neu anlegen…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Demo users</source>
        <translation>Demo-Benutzer</translation>
    </message>
    <message>
        <source>&lt;p&gt;The demo workspace has one user per role. Sign in with a user name and password, then the code from an authenticator app set up with the TOTP secret (or from &lt;tt&gt;oathtool --totp -b SECRET&lt;/tt&gt;).&lt;/p&gt;&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;th&gt;User&lt;/th&gt;&lt;th&gt;Role&lt;/th&gt;&lt;th&gt;Password&lt;/th&gt;&lt;th&gt;TOTP secret&lt;/th&gt;&lt;/tr&gt;%1&lt;/table&gt;&lt;p&gt;These are also in %2, readable only by you.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Der Demo-Arbeitsbereich enthält einen Benutzer pro Rolle. Melden Sie sich mit Benutzername und Passwort an und geben Sie anschließend den Code aus einer Authenticator-App ein, die mit dem TOTP-Geheimnis eingerichtet wurde (oder aus &lt;tt&gt;oathtool --totp -b SECRET&lt;/tt&gt;).&lt;/p&gt;&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;th&gt;Benutzer&lt;/th&gt;&lt;th&gt;Rolle&lt;/th&gt;&lt;th&gt;Passwort&lt;/th&gt;&lt;th&gt;TOTP-Geheimnis&lt;/th&gt;&lt;/tr&gt;%1&lt;/table&gt;&lt;p&gt;Diese Angaben stehen auch in %2 und sind nur für Sie lesbar.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Create the administrator</source>
        <translation>Administrator anlegen</translation>
    </message>
    <message>
        <source>This workspace has no users yet. Create its first administrator; you will set up two-step sign-in right after.</source>
        <translation>Dieser Arbeitsbereich hat noch keine Benutzer. Legen Sie den ersten Administrator an; direkt im Anschluss richten Sie die Anmeldung in zwei Schritten ein.</translation>
    </message>
    <message>
        <source>no connection was made</source>
        <translation>es wurde keine Verbindung hergestellt</translation>
    </message>
</context>
<context>
    <name>flowlet::ApprovalsModel</name>
    <message>
        <source>Change role</source>
        <translation>Rolle ändern</translation>
    </message>
    <message>
        <source>Reset two-step sign-in</source>
        <translation>Anmeldung in zwei Schritten zurücksetzen</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>auf %1</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Antrag</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Beantragt von</translation>
    </message>
    <message>
        <source>Requested at</source>
        <translation>Beantragt am</translation>
    </message>
    <message>
        <source>no request selected</source>
        <translation>kein Antrag ausgewählt</translation>
    </message>
</context>
<context>
    <name>flowlet::ImportPreviewModel</name>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>Possible match</source>
        <translation>Möglicher Treffer</translation>
    </message>
    <message>
        <source>Statement line</source>
        <translation>Auszugszeile</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Buchungsdatum</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>Gegenpartei</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Verwendungszweck</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>flowlet::TransactionDetailModel</name>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Occurred</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Booking date</source>
        <translation>Buchungsdatum</translation>
    </message>
    <message>
        <source>Value date</source>
        <translation>Wertstellung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Account IBAN</source>
        <translation>Konto-IBAN</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>Gegenpartei</translation>
    </message>
    <message>
        <source>Counterparty account</source>
        <translation>Konto der Gegenpartei</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>End-to-end id</source>
        <translation>End-to-End-ID</translation>
    </message>
    <message>
        <source>Bank transaction code</source>
        <translation>Geschäftsvorfallcode</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Merchant category</source>
        <translation>Händlerkategorie</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP-Adresse</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>Externe ID</translation>
    </message>
    <message>
        <source>Import batch</source>
        <translation>Importstapel</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Erfasst am</translation>
    </message>
</context>
<context>
    <name>flowlet::TransactionTableModel</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>Gegenpartei</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>flowlet::UsersTableModel</name>
    <message>
        <source>active, must change password</source>
        <translation>aktiv, muss Passwort ändern</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>enrolled</source>
        <translation>eingerichtet</translation>
    </message>
    <message>
        <source>not set up</source>
        <translation>nicht eingerichtet</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>%n failed attempt(s)</source>
        <translation>
            <numerusform>%n fehlgeschlagener Versuch</numerusform>
            <numerusform>%n fehlgeschlagene Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Two-step sign-in</source>
        <translation>Anmeldung in zwei Schritten</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Letzte Anmeldung</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Gesperrt bis</translation>
    </message>
    <message>
        <source>no user selected</source>
        <translation>kein Benutzer ausgewählt</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::AdminAccountForm</name>
    <message>
        <source>at least 12 characters</source>
        <translation>mindestens 12 Zeichen</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Ihr Name:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>Passwort wiederholen:</translation>
    </message>
    <message>
        <source>enter a user name and your name for the administrator account</source>
        <translation>geben Sie einen Benutzernamen und Ihren Namen für das Administratorkonto ein</translation>
    </message>
    <message>
        <source>the two passwords differ</source>
        <translation>die beiden Passwörter stimmen nicht überein</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::ConnectDialog</name>
    <message>
        <source>Remember the password in the keychain</source>
        <translation>Passwort im Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Connect to a shared database</source>
        <translation>Mit gemeinsamer Datenbank verbinden</translation>
    </message>
    <message>
        <source>Encrypted, server certificate and name verified (recommended)</source>
        <translation>Verschlüsselt, Serverzertifikat und -name geprüft (empfohlen)</translation>
    </message>
    <message>
        <source>Encrypted, server certificate verified</source>
        <translation>Verschlüsselt, Serverzertifikat geprüft</translation>
    </message>
    <message>
        <source>Encrypted, server not verified</source>
        <translation>Verschlüsselt, Server nicht geprüft</translation>
    </message>
    <message>
        <source>Encrypted if the server offers it</source>
        <translation>Verschlüsselt, sofern der Server es anbietet</translation>
    </message>
    <message>
        <source>Not encrypted (only on this computer)</source>
        <translation>Nicht verschlüsselt (nur auf diesem Computer)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Connection security:</source>
        <translation>Verbindungssicherheit:</translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation>CA-Zertifikat:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>The password is kept only in your keychain, never in a file.</source>
        <translation>Das Passwort wird nur in Ihrem Schlüsselbund gespeichert, niemals in einer Datei.</translation>
    </message>
    <message>
        <source>No keychain is available (%1). Flowlet will ask for the password each time.</source>
        <translation>Es ist kein Schlüsselbund verfügbar (%1). Flowlet fragt jedes Mal nach dem Passwort.</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>enter the server, the database and the user</source>
        <translation>geben Sie den Server, die Datenbank und den Benutzer ein</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>Es konnte keine Verbindung hergestellt werden: %1</translation>
    </message>
    <message>
        <source>Connected, but the password could not be kept: %1</source>
        <translation>Verbunden, aber das Passwort konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::ImportDialog</name>
    <message>
        <source>Import into this account</source>
        <translation>In dieses Konto importieren</translation>
    </message>
    <message>
        <source>Create an account for this statement</source>
        <translation>Konto für diesen Kontoauszug anlegen</translation>
    </message>
    <message>
        <source>Statement only: keep the lines for reconciliation, add nothing to the book</source>
        <translation>Nur Kontoauszug: Zeilen für den Abgleich speichern, nichts in den Buchungsbestand übernehmen</translation>
    </message>
    <message>
        <source>I have checked the entries: import although the balances do not add up</source>
        <translation>Ich habe die Buchungen geprüft: importieren, obwohl die Salden nicht aufgehen</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Import statement — %1</source>
        <translation>Kontoauszug importieren — %1</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Storing the import…</source>
        <translation>Import wird gespeichert…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, %n entries</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %2, %n Buchung</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %2, %n Buchungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Statement %1 for %2: &lt;span style=&quot;color:%3&quot;&gt;%4&lt;/span&gt;</source>
        <translation>Kontoauszug %1 für %2: &lt;span style=&quot;color:%3&quot;&gt;%4&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>This exact file was imported before; its lines show as duplicates.</source>
        <translation>Genau diese Datei wurde bereits importiert; ihre Zeilen werden als Duplikate angezeigt.</translation>
    </message>
    <message>
        <source>%1 new, %2 duplicate, %3 possible match</source>
        <translation>Neu: %1, Duplikate: %2, mögliche Treffer: %3</translation>
    </message>
    <message>
        <source>— the balances in the file do not add up: check the entries before importing.</source>
        <translation>— die Salden in der Datei gehen nicht auf: Prüfen Sie die Buchungen vor dem Import.</translation>
    </message>
    <message>
        <source>Checking the lines against the workspace…</source>
        <translation>Zeilen werden mit dem Arbeitsbereich abgeglichen…</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Neues Konto</translation>
    </message>
    <message>
        <source>The file does not say which account it is for. Its IBAN or account number:</source>
        <translation>Aus der Datei geht nicht hervor, zu welchem Konto sie gehört. IBAN oder Kontonummer:</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Use a recovery code instead</source>
        <translation>Stattdessen einen Wiederherstellungscode verwenden</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Überprüfen</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>I have stored these codes somewhere safe</source>
        <translation>Ich habe diese Codes an einem sicheren Ort aufbewahrt</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>Sign in to %1</source>
        <translation>Bei %1 anmelden</translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation>6-stelliger Code</translation>
    </message>
    <message>
        <source>Sign in with your Flowlet user name and password.</source>
        <translation>Melden Sie sich mit Ihrem Flowlet-Benutzernamen und Passwort an.</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Enter the code your authenticator app shows for Flowlet.</source>
        <translation>Geben Sie den Code ein, den Ihre Authenticator-App für Flowlet anzeigt.</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>Set up two-step sign-in: scan this code with an authenticator app (or enter the secret below by hand), then type the code the app shows.</source>
        <translation>Anmeldung in zwei Schritten einrichten: Scannen Sie diesen Code mit einer Authenticator-App (oder geben Sie das unten stehende Geheimnis manuell ein) und geben Sie dann den Code ein, den die App anzeigt.</translation>
    </message>
    <message>
        <source>Keep these recovery codes somewhere safe. Each signs you in once if you lose your phone. They are shown only now.</source>
        <translation>Bewahren Sie diese Wiederherstellungscodes an einem sicheren Ort auf. Mit jedem Code können Sie sich einmalig anmelden, falls Sie Ihr Telefon verlieren. Die Codes werden nur jetzt angezeigt.</translation>
    </message>
    <message>
        <source>Choose a new password before you continue (at least 12 characters).</source>
        <translation>Wählen Sie ein neues Passwort, bevor Sie fortfahren (mindestens 12 Zeichen).</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Neues Passwort:</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>Wiederholen:</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Geben Sie Ihren Benutzernamen und Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>XXXX-XXXX-XXXX-XXXX</source>
        <translation>XXXX-XXXX-XXXX-XXXX</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>Too many failed attempts: the account is locked for 15 minutes. Try again later or ask an administrator.</source>
        <translation>Zu viele fehlgeschlagene Versuche: Das Konto ist für 15 Minuten gesperrt. Versuchen Sie es später erneut oder wenden Sie sich an einen Administrator.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>Dieses Konto ist deaktiviert. Wenden Sie sich an einen Administrator.</translation>
    </message>
    <message>
        <source>This code was used already. Wait for the next code in your authenticator.</source>
        <translation>Dieser Code wurde bereits verwendet. Warten Sie auf den nächsten Code in Ihrer Authenticator-App.</translation>
    </message>
    <message>
        <source>The code does not match. Scan the QR code again and enter the code the app shows now.</source>
        <translation>Der Code stimmt nicht überein. Scannen Sie den QR-Code erneut und geben Sie den Code ein, den die App jetzt anzeigt.</translation>
    </message>
    <message>
        <source>The code is wrong or expired. Check the time on your phone and enter the current code.</source>
        <translation>Der Code ist falsch oder abgelaufen. Prüfen Sie die Uhrzeit auf Ihrem Telefon und geben Sie den aktuellen Code ein.</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Flowlet Workstation</source>
        <translation>Ü&amp;ber Flowlet Workstation</translation>
    </message>
    <message>
        <source>Local workspace: %1</source>
        <translation>Lokaler Arbeitsbereich: %1</translation>
    </message>
    <message>
        <source>Shared database: %1</source>
        <translation>Gemeinsame Datenbank: %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>● Connected</source>
        <translation>● Verbunden</translation>
    </message>
    <message>
        <source>Connected to the shared database</source>
        <translation>Mit der gemeinsamen Datenbank verbunden</translation>
    </message>
    <message>
        <source>Local workspace file is open</source>
        <translation>Lokale Arbeitsbereichsdatei ist geöffnet</translation>
    </message>
    <message>
        <source>● Disconnected</source>
        <translation>● Getrennt</translation>
    </message>
    <message>
        <source>%1
Flowlet reconnects by itself when the database is back.</source>
        <translation>%1
Flowlet stellt die Verbindung automatisch wieder her, sobald die Datenbank wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1

Choose a Flowlet workspace file, or create a new workspace.</source>
        <translation>%1

Wählen Sie eine Flowlet-Arbeitsbereichsdatei aus oder legen Sie einen neuen Arbeitsbereich an.</translation>
    </message>
    <message>
        <source>About Flowlet Workstation</source>
        <translation>Über Flowlet Workstation</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Flowlet Workstation %1&lt;/h3&gt;&lt;p&gt;Compliance and finance analyst workstation.&lt;/p&gt;&lt;p&gt;Workspace: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Flowlet Workstation %1&lt;/h3&gt;&lt;p&gt;Arbeitsplatz für Compliance- und Finanzanalysten.&lt;/p&gt;&lt;p&gt;Arbeitsbereich: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Connect to a shared database…</source>
        <translation>Mit gemeinsamer Datenbank &amp;verbinden…</translation>
    </message>
    <message>
        <source>&amp;Import statement…</source>
        <translation>Kontoauszug &amp;importieren…</translation>
    </message>
    <message>
        <source>Import a bank statement</source>
        <translation>Kontoauszug importieren</translation>
    </message>
    <message>
        <source>Bank statements (*.ofx *.qfx *.xml *.053 *.052 *.054 *.sta *.mt940 *.940 *.txt *.csv);;All files (*)</source>
        <translation>Kontoauszüge (*.ofx *.qfx *.xml *.053 *.052 *.054 *.sta *.mt940 *.940 *.txt *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Statement imported (import %1).</source>
        <translation>Kontoauszug importiert (Import %1).</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::TransactionFilterBar</name>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min.</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max.</translation>
    </message>
    <message>
        <source>Smallest amount (either sign), e.g. 9000 or 9000.50</source>
        <translation>Kleinster Betrag (unabhängig vom Vorzeichen), z. B. 9000 oder 9000,50</translation>
    </message>
    <message>
        <source>Largest amount (either sign)</source>
        <translation>Größter Betrag (unabhängig vom Vorzeichen)</translation>
    </message>
    <message>
        <source>Search description, counterparty or reference (Ctrl+F)</source>
        <translation>Beschreibung, Gegenpartei oder Referenz durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Amount filter (either sign)</source>
        <translation>Betragsfilter (unabhängig vom Vorzeichen)</translation>
    </message>
    <message>
        <source>Not an amount: %1</source>
        <translation>Kein gültiger Betrag: %1</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::TransactionsPanel</name>
    <message>
        <source>First</source>
        <translation>Erste</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Letzte</translation>
    </message>
    <message>
        <source>First page (Ctrl+Home)</source>
        <translation>Erste Seite (Strg+Pos1)</translation>
    </message>
    <message>
        <source>Previous page (Alt+Left)</source>
        <translation>Vorherige Seite (Alt+Links)</translation>
    </message>
    <message>
        <source>Next page (Alt+Right)</source>
        <translation>Nächste Seite (Alt+Rechts)</translation>
    </message>
    <message>
        <source>Last page (Ctrl+End)</source>
        <translation>Letzte Seite (Strg+Ende)</translation>
    </message>
    <message>
        <source>Could not load transactions: %1. Check the connection and try again.</source>
        <translation>Transaktionen konnten nicht geladen werden: %1. Prüfen Sie die Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt…</translation>
    </message>
    <message>
        <source>%1 transactions match</source>
        <translation>%1 passende Transaktionen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>No transactions</source>
        <translation>Keine Transaktionen</translation>
    </message>
    <message>
        <source>Showing all %1 rows</source>
        <translation>Alle %1 Zeilen werden angezeigt</translation>
    </message>
    <message>
        <source>Showing the first %1 rows</source>
        <translation>Die ersten %1 Zeilen werden angezeigt</translation>
    </message>
    <message>
        <source>Showing the last %1 rows</source>
        <translation>Die letzten %1 Zeilen werden angezeigt</translation>
    </message>
    <message>
        <source>Showing %1 rows</source>
        <translation>%1 Zeilen werden angezeigt</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::UnlockDialog</name>
    <message>
        <source>Flowlet is locked</source>
        <translation>Flowlet ist gesperrt</translation>
    </message>
    <message numerus="yes">
        <source>Flowlet locked itself after %n minute(s) without use. Enter the password of %1 to continue, or sign out.</source>
        <translation>
            <numerusform>Flowlet hat sich nach %n Minute ohne Nutzung gesperrt. Geben Sie das Passwort von %1 ein, um fortzufahren, oder melden Sie sich ab.</numerusform>
            <numerusform>Flowlet hat sich nach %n Minuten ohne Nutzung gesperrt. Geben Sie das Passwort von %1 ein, um fortzufahren, oder melden Sie sich ab.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Too many failed attempts: the account is locked. Sign out and try later.</source>
        <translation>Zu viele fehlgeschlagene Versuche: Das Konto ist gesperrt. Melden Sie sich ab und versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The password is wrong.</source>
        <translation>Das Passwort ist falsch.</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::UsersPanel</name>
    <message>
        <source>New user…</source>
        <translation>Neuer Benutzer…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Clear lockout</source>
        <translation>Sperre aufheben</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Rolle ändern…</translation>
    </message>
    <message>
        <source>Reset two-step sign-in</source>
        <translation>Anmeldung in zwei Schritten zurücksetzen</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Waiting for a second person&lt;/b&gt; — high-risk changes take effect when another administrator approves them.</source>
        <translation>&lt;b&gt;Warten auf eine zweite Person&lt;/b&gt; — Änderungen mit hohem Risiko werden erst wirksam, wenn ein anderer Administrator sie genehmigt.</translation>
    </message>
    <message>
        <source>%1 is disabled and signed out.</source>
        <translation>%1 wurde deaktiviert und abgemeldet.</translation>
    </message>
    <message>
        <source>%1 can sign in again.</source>
        <translation>%1 kann sich wieder anmelden.</translation>
    </message>
    <message>
        <source>The lockout is cleared.</source>
        <translation>Die Sperre wurde aufgehoben.</translation>
    </message>
    <message>
        <source>The reset waits for a second administrator&apos;s approval.</source>
        <translation>Das Zurücksetzen muss noch von einem zweiten Administrator genehmigt werden.</translation>
    </message>
    <message>
        <source>Approved. One-time code for %1: %2 — valid until %3. Give it to the user by a separate channel; they set a new password and two-step sign-in with it.</source>
        <translation>Genehmigt. Einmalcode für %1: %2 — gültig bis %3. Übermitteln Sie ihn dem Benutzer über einen separaten Kanal; damit legt der Benutzer ein neues Passwort fest und richtet die Anmeldung in zwei Schritten ein.</translation>
    </message>
    <message>
        <source>Approved: %1 for %2.</source>
        <translation>Genehmigt: %1 für %2.</translation>
    </message>
    <message>
        <source>rejected in the Users panel</source>
        <translation>in der Ansicht „Benutzer“ abgelehnt</translation>
    </message>
    <message>
        <source>Rejected.</source>
        <translation>Abgelehnt.</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Neuer Benutzer</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <source>Initial password:</source>
        <translation>Initialpasswort:</translation>
    </message>
    <message>
        <source>The user changes it and sets up two-step sign-in at the first sign-in.</source>
        <translation>Der Benutzer ändert es bei der ersten Anmeldung und richtet dabei die Anmeldung in zwei Schritten ein.</translation>
    </message>
    <message>
        <source>%1 was created.</source>
        <translation>%1 wurde angelegt.</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Rolle ändern</translation>
    </message>
    <message>
        <source>New role for %1:</source>
        <translation>Neue Rolle für %1:</translation>
    </message>
    <message>
        <source>The role change waits for a second administrator&apos;s approval.</source>
        <translation>Die Rollenänderung muss noch von einem zweiten Administrator genehmigt werden.</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::WelcomeDialog</name>
    <message>
        <source>An empty workspace</source>
        <translation>Ein leerer Arbeitsbereich</translation>
    </message>
    <message>
        <source>A demo workspace with 50,000 transactions (about a minute)</source>
        <translation>Ein Demo-Arbeitsbereich mit 50.000 Transaktionen (etwa eine Minute)</translation>
    </message>
    <message>
        <source>A larger demo workspace with 1,000,000 transactions (a few minutes)</source>
        <translation>Ein größerer Demo-Arbeitsbereich mit 1.000.000 Transaktionen (einige Minuten)</translation>
    </message>
    <message>
        <source>Create workspace</source>
        <translation>Arbeitsbereich anlegen</translation>
    </message>
    <message>
        <source>Open existing…</source>
        <translation>Vorhandenen öffnen…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Welcome to Flowlet Workstation</source>
        <translation>Willkommen bei Flowlet Workstation</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to Flowlet Workstation&lt;/h2&gt;&lt;p&gt;Flowlet keeps its data in a &lt;b&gt;workspace&lt;/b&gt;. To start on this computer, create a local workspace file. A shared PostgreSQL database can be connected later.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Willkommen bei Flowlet Workstation&lt;/h2&gt;&lt;p&gt;Flowlet speichert seine Daten in einem &lt;b&gt;Arbeitsbereich&lt;/b&gt;. Um auf diesem Computer zu beginnen, legen Sie eine lokale Arbeitsbereichsdatei an. Eine gemeinsame PostgreSQL-Datenbank kann später verbunden werden.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Workspace file:</source>
        <translation>Arbeitsbereichsdatei:</translation>
    </message>
    <message>
        <source>Writing %1: %2 of %3</source>
        <translation>Schreiben: %1 (%2 von %3)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Schreiben: %1…</translation>
    </message>
    <message>
        <source>New workspace file</source>
        <translation>Neue Arbeitsbereichsdatei</translation>
    </message>
    <message>
        <source>Flowlet workspaces (*.db)</source>
        <translation>Flowlet-Arbeitsbereiche (*.db)</translation>
    </message>
    <message>
        <source>Creating the workspace…</source>
        <translation>Arbeitsbereich wird angelegt…</translation>
    </message>
    <message>
        <source>The workspace was not created: %1</source>
        <translation>Der Arbeitsbereich wurde nicht angelegt: %1</translation>
    </message>
    <message>
        <source>choose where the workspace file should go</source>
        <translation>wählen Sie aus, wo die Arbeitsbereichsdatei gespeichert werden soll</translation>
    </message>
    <message>
        <source>%1 already exists. Open it with “Open existing…”, or choose another file name.</source>
        <translation>%1 ist bereits vorhanden. Öffnen Sie die Datei mit „Vorhandenen öffnen…“ oder wählen Sie einen anderen Dateinamen.</translation>
    </message>
    <message>
        <source>categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>ledger accounts</source>
        <translation>Sachkonten</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>accounts and cards</source>
        <translation>Konten und Karten</translation>
    </message>
    <message>
        <source>KYC records and risk assessments</source>
        <translation>KYC-Akten und Risikobewertungen</translation>
    </message>
    <message>
        <source>transactions</source>
        <translation>Transaktionen</translation>
    </message>
    <message>
        <source>indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <source>planted patterns</source>
        <translation>eingebaute Muster</translation>
    </message>
    <message>
        <source>ledger</source>
        <translation>Hauptbuch</translation>
    </message>
    <message>
        <source>balances</source>
        <translation>Salden</translation>
    </message>
    <message>
        <source>Cannot open the workspace: %1</source>
        <translation>Der Arbeitsbereich kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>staff users</source>
        <translation>Mitarbeiterkonten</translation>
    </message>
    <message>
        <source>Administrator account for the new workspace</source>
        <translation>Administratorkonto für den neuen Arbeitsbereich</translation>
    </message>
    <message>
        <source>Connect to a shared database…</source>
        <translation>Mit gemeinsamer Datenbank verbinden…</translation>
    </message>
</context>
</TS>
