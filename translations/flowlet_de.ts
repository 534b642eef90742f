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
    <message>
        <source>Reconciliation</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Prüfpfad</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Überwachung</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
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
    <name>csvSaveDialog</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
</context>
<context>
    <name>flowlet::ActiveSessionsModel</name>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Arbeitsplatz</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet seit</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt aktiv</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
</context>
<context>
    <name>flowlet::AlertRulesModel</name>
    <message>
        <source>fingerprint %1…</source>
        <translation>Fingerabdruck %1…</translation>
    </message>
    <message>
        <source>any category</source>
        <translation>beliebige Kategorie</translation>
    </message>
    <message>
        <source>category %1</source>
        <translation>Kategorie %1</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n Min.</numerusform>
            <numerusform>%n Min.</numerusform>
        </translation>
    </message>
    <message>
        <source>on</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Trifft zu auf</translation>
    </message>
    <message>
        <source>From level</source>
        <translation>Ab Stufe</translation>
    </message>
    <message>
        <source>At least</source>
        <translation>Mindestens</translation>
    </message>
    <message>
        <source>Within</source>
        <translation>Innerhalb von</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
</context>
<context>
    <name>flowlet::AlertsModel</name>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Ausgelöst</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Sample message</source>
        <translation>Beispielmeldung</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Quittiert</translation>
    </message>
</context>
<context>
    <name>flowlet::ApiKeysModel</name>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Geltungsbereiche</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
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
    <name>flowlet::AuditActions</name>
    <message>
        <source>An export is already running.</source>
        <translation>Es läuft bereits ein Export.</translation>
    </message>
</context>
<context>
    <name>flowlet::AuditTableModel</name>
    <message>
        <source>(workspace owner)</source>
        <translation>(Inhaber des Arbeitsbereichs)</translation>
    </message>
    <message>
        <source>key #%1</source>
        <translation>Schlüssel #%1</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Arbeitsplatz</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Object id</source>
        <translation>Objekt-ID</translation>
    </message>
</context>
<context>
    <name>flowlet::CsvMappingModel</name>
    <message>
        <source>Line %1 of the file</source>
        <translation>Zeile %1 der Datei</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(nicht importiert)</translation>
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
        <source>Amount (signed)</source>
        <translation>Betrag (mit Vorzeichen)</translation>
    </message>
    <message>
        <source>Debit (money out)</source>
        <translation>Soll (Geldausgang)</translation>
    </message>
    <message>
        <source>Credit (money in)</source>
        <translation>Haben (Geldeingang)</translation>
    </message>
    <message>
        <source>Debit/credit mark (D/C, S/H)</source>
        <translation>Soll/Haben-Kennzeichen (D/C, S/H)</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
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
        <source>Counterparty bank code</source>
        <translation>BLZ/BIC der Gegenpartei</translation>
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
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Bank&apos;s transaction id</source>
        <translation>Transaktions-ID der Bank</translation>
    </message>
    <message>
        <source>Merchant category</source>
        <translation>Händlerkategorie</translation>
    </message>
    <message>
        <source>Balance after the entry</source>
        <translation>Saldo nach der Buchung</translation>
    </message>
    <message>
        <source>Own account</source>
        <translation>Eigenes Konto</translation>
    </message>
    <message>
        <source>Own account&apos;s bank code</source>
        <translation>BLZ/BIC des eigenen Kontos</translation>
    </message>
</context>
<context>
    <name>flowlet::CsvPreviewModel</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Skipped: not an entry</source>
        <translation>Übersprungen: keine Buchung</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
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
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>flowlet::ErrorGroupsModel</name>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst aufgetreten</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt aufgetreten</translation>
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
    <message>
        <source>Category %1 (by rule)</source>
        <translation>Kategorie %1 (per Regel)</translation>
    </message>
    <message>
        <source>Category %1 (learned, %2 % sure)</source>
        <translation>Kategorie %1 (gelernt, %2 % sicher)</translation>
    </message>
</context>
<context>
    <name>flowlet::ReconciliationBookModel</name>
    <message>
        <source>Cleared</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Reconciled</source>
        <translation>Abgeglichen</translation>
    </message>
</context>
<context>
    <name>flowlet::ReconciliationController</name>
    <message>
        <source>Another workstation finished this reconciliation meanwhile. It is locked now; your change was not made.</source>
        <translation>Ein anderer Arbeitsplatz hat diesen Abgleich inzwischen abgeschlossen. Er ist jetzt gesperrt; Ihre Änderung wurde nicht durchgeführt.</translation>
    </message>
    <message>
        <source>Another workstation changed this reconciliation since it was shown here, so your change was not made. It has been reloaded with their changes: check them and try again.</source>
        <translation>Ein anderer Arbeitsplatz hat diesen Abgleich geändert, seit er hier angezeigt wurde; Ihre Änderung wurde daher nicht durchgeführt. Der Abgleich wurde mit diesen Änderungen neu geladen: Prüfen Sie sie und versuchen Sie es erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Auto-match: %n exact match(es) cleared,</source>
        <translation>
            <numerusform>Automatische Zuordnung: %n exakter Treffer bestätigt,</numerusform>
            <numerusform>Automatische Zuordnung: %n exakte Treffer bestätigt,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) to accept or reject.</source>
        <translation>
            <numerusform>%n Vorschlag zum Annehmen oder Ablehnen.</numerusform>
            <numerusform>%n Vorschläge zum Annehmen oder Ablehnen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n proposal(s) you rejected before were left out.</source>
        <translation>
            <numerusform>%n zuvor von Ihnen abgelehnter Vorschlag wurde ausgelassen.</numerusform>
            <numerusform>%n zuvor von Ihnen abgelehnte Vorschläge wurden ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggestion accepted: its entries are cleared.</source>
        <translation>Vorschlag angenommen: Die zugehörigen Buchungen sind bestätigt.</translation>
    </message>
    <message>
        <source>Suggestion rejected: auto-match will not propose it again.</source>
        <translation>Vorschlag abgelehnt: Die automatische Zuordnung schlägt ihn nicht erneut vor.</translation>
    </message>
    <message>
        <source>Match undone: its lines and entries are open again.</source>
        <translation>Zuordnung aufgehoben: Die zugehörigen Zeilen und Buchungen sind wieder offen.</translation>
    </message>
    <message>
        <source>Matched by hand: the entries are cleared.</source>
        <translation>Manuell zugeordnet: Die Buchungen sind bestätigt.</translation>
    </message>
    <message>
        <source>Entry ticked as cleared.</source>
        <translation>Buchung als bestätigt markiert.</translation>
    </message>
    <message>
        <source>Entry unticked.</source>
        <translation>Markierung der Buchung aufgehoben.</translation>
    </message>
    <message>
        <source>Reconciliation finished: its entries are reconciled and locked.</source>
        <translation>Abgleich abgeschlossen: Die zugehörigen Buchungen sind abgeglichen und gesperrt.</translation>
    </message>
</context>
<context>
    <name>flowlet::ReconciliationLineModel</name>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
</context>
<context>
    <name>flowlet::ReconciliationListModel</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
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
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
</context>
<context>
    <name>flowlet::ReconciliationMatchModel</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Kontoauszug</translation>
    </message>
    <message>
        <source>Statement amount</source>
        <translation>Auszugsbetrag</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <source>Book amount</source>
        <translation>Buchungsbetrag</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>Exakt</translation>
    </message>
    <message>
        <source>Within tolerance</source>
        <translation>Innerhalb der Toleranz</translation>
    </message>
    <message>
        <source>One line, several entries</source>
        <translation>Eine Zeile, mehrere Buchungen</translation>
    </message>
    <message>
        <source>Several lines, one entry</source>
        <translation>Mehrere Zeilen, eine Buchung</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>Vorgeschlagen</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Reconciled</source>
        <translation>Abgeglichen</translation>
    </message>
</context>
<context>
    <name>flowlet::RouteStatsModel</name>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>4xx</source>
        <translation>4xx</translation>
    </message>
    <message>
        <source>5xx</source>
        <translation>5xx</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
</context>
<context>
    <name>flowlet::TransactionActions</name>
    <message>
        <source>An export is already running.</source>
        <translation>Es läuft bereits ein Export.</translation>
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
    <name>flowlet::ui::AlertRuleDialog</name>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>New alert rule</source>
        <translation>Neue Alarmregel</translation>
    </message>
    <message>
        <source>Edit alert rule</source>
        <translation>Alarmregel bearbeiten</translation>
    </message>
    <message>
        <source>any, or e.g. flowlet.db or flowlet.api*</source>
        <translation>beliebig, oder z. B. flowlet.db oder flowlet.api*</translation>
    </message>
    <message>
        <source>any (each fingerprint counts on its own)</source>
        <translation>beliebig (jeder Fingerabdruck zählt für sich)</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>Schwerwiegend</translation>
    </message>
    <message>
        <source> errors</source>
        <translation> Fehler</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <source>From level</source>
        <translation>Ab Stufe</translation>
    </message>
    <message>
        <source>At least</source>
        <translation>Mindestens</translation>
    </message>
    <message>
        <source>Within</source>
        <translation>Innerhalb von</translation>
    </message>
    <message>
        <source>Give the rule a name.</source>
        <translation>Geben Sie der Regel einen Namen.</translation>
    </message>
    <message>
        <source>A fingerprint is the 64 hex digits shown with an error group.</source>
        <translation>Ein Fingerabdruck besteht aus den 64 Hexadezimalziffern, die bei einer Fehlergruppe angezeigt werden.</translation>
    </message>
    <message>
        <source>Check the rule&apos;s values.</source>
        <translation>Prüfen Sie die Werte der Regel.</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::ApiKeyCreateDialog</name>
    <message>
        <source>Expires on</source>
        <translation>Läuft ab am</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
    <message>
        <source>What the key is for, e.g. nightly export script</source>
        <translation>Wofür der Schlüssel dient, z. B. nächtliches Exportskript</translation>
    </message>
    <message>
        <source>The key can do only what is ticked here, and never more than its owner may do at the time it is used.</source>
        <translation>Der Schlüssel darf nur das, was hier markiert ist, und nie mehr, als sein Inhaber zum Zeitpunkt der Nutzung darf.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Geltungsbereiche</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::ApiKeyTokenDialog</name>
    <message>
        <source>API key created</source>
        <translation>API-Schlüssel erstellt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy the key “%1” now: it is shown only this once.&lt;/b&gt;&lt;br&gt;Flowlet keeps only a fingerprint of it and cannot show it again. Store it where your script reads secrets (not in the script itself). If it is lost or leaked, revoke it and create a new one.</source>
        <translation>&lt;b&gt;Kopieren Sie den Schlüssel „%1“ jetzt: Er wird nur dieses eine Mal angezeigt.&lt;/b&gt;&lt;br&gt;Flowlet speichert nur einen Fingerabdruck davon und kann ihn nicht erneut anzeigen. Bewahren Sie ihn dort auf, wo Ihr Skript Geheimnisse liest (nicht im Skript selbst). Geht er verloren oder wird er offengelegt, widerrufen Sie ihn und erstellen Sie einen neuen.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::ApiKeysPanel</name>
    <message>
        <source>New key…</source>
        <translation>Neuer Schlüssel…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Widerrufen…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Scripts use API keys to work with Flowlet&apos;s local API. A key acts for its owner, limited to the scopes chosen when it was created.</source>
        <translation>Skripte verwenden API-Schlüssel, um mit der lokalen API von Flowlet zu arbeiten. Ein Schlüssel handelt für seinen Inhaber, beschränkt auf die bei seiner Erstellung gewählten Geltungsbereiche.</translation>
    </message>
    <message>
        <source>The key was revoked.</source>
        <translation>Der Schlüssel wurde widerrufen.</translation>
    </message>
    <message>
        <source>Key “%1” created.</source>
        <translation>Schlüssel „%1“ erstellt.</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>API-Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Revoke the key “%1” (flk_%2_…)? Scripts using it stop working at once. This cannot be undone.</source>
        <translation>Schlüssel „%1“ (flk_%2_…) widerrufen? Skripte, die ihn verwenden, funktionieren sofort nicht mehr. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::AuditPanel</name>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtern</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>Kette prüfen</translation>
    </message>
    <message>
        <source>User name or id</source>
        <translation>Benutzername oder ID</translation>
    </message>
    <message>
        <source>Action, e.g. auth.login or auth.</source>
        <translation>Aktion, z. B. auth.login oder auth.</translation>
    </message>
    <message>
        <source>An exact action, or the start of one ending in a dot or * (auth. finds every sign-in event)</source>
        <translation>Eine genaue Aktion, oder ihr Anfang mit einem Punkt oder * am Ende (auth. findet jedes Anmeldeereignis)</translation>
    </message>
    <message>
        <source>Object, e.g. transaction</source>
        <translation>Objekt, z. B. transaction</translation>
    </message>
    <message>
        <source>Object id</source>
        <translation>Objekt-ID</translation>
    </message>
    <message>
        <source>Before: nothing (not an edit)</source>
        <translation>Vorher: nichts (keine Änderung)</translation>
    </message>
    <message>
        <source>After: no details</source>
        <translation>Nachher: keine Details</translation>
    </message>
    <message>
        <source>Write every entry the filter matches to a CSV file (recorded in the trail)</source>
        <translation>Alle Einträge, die dem Filter entsprechen, in eine CSV-Datei schreiben (wird im Prüfpfad vermerkt)</translation>
    </message>
    <message>
        <source>Check every entry&apos;s hash and its link to the entry before it</source>
        <translation>Hash jedes Eintrags und seine Verknüpfung mit dem vorherigen Eintrag prüfen</translation>
    </message>
    <message>
        <source>Verifying the chain…</source>
        <translation>Kette wird geprüft…</translation>
    </message>
    <message>
        <source>%1 entries exported to %2.</source>
        <translation>%1 Einträge nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Export audit trail</source>
        <translation>Prüfpfad exportieren</translation>
    </message>
    <message>
        <source>Intact — %1 entries</source>
        <translation>Intakt — %1 Einträge</translation>
    </message>
    <message>
        <source>its content was changed after it was written.</source>
        <translation>Sein Inhalt wurde nach dem Schreiben geändert.</translation>
    </message>
    <message>
        <source>it does not follow the entry before it: an entry was removed or inserted before it, or the one before was rewritten.</source>
        <translation>Er folgt nicht auf den vorherigen Eintrag: Davor wurde ein Eintrag entfernt oder eingefügt, oder der vorherige Eintrag wurde überschrieben.</translation>
    </message>
    <message>
        <source>Broken at entry #%1: %2</source>
        <translation>Unterbrochen bei Eintrag #%1: %2</translation>
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
    <name>flowlet::ui::CsvMappingDialog</name>
    <message>
        <source>CSV columns — %1</source>
        <translation>CSV-Spalten — %1</translation>
    </message>
    <message>
        <source>How the file is written</source>
        <translation>Aufbau der Datei</translation>
    </message>
    <message>
        <source>Check that the lines below split into the right columns, that the header row is highlighted and that the grey preamble lines end where the entries begin.</source>
        <translation>Prüfen Sie, ob die Zeilen unten in die richtigen Spalten aufgeteilt werden, ob die Kopfzeile hervorgehoben ist und ob die grauen Vorspannzeilen dort enden, wo die Buchungen beginnen.</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Semikolon ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation>Senkrechter Strich ( | )</translation>
    </message>
    <message>
        <source>No header row</source>
        <translation>Keine Kopfzeile</translation>
    </message>
    <message>
        <source>Point (1234.56)</source>
        <translation>Punkt (1234.56)</translation>
    </message>
    <message>
        <source>Comma (1234,56)</source>
        <translation>Komma (1234,56)</translation>
    </message>
    <message>
        <source>None or spaces</source>
        <translation>Keines oder Leerzeichen</translation>
    </message>
    <message>
        <source>Point (1.234)</source>
        <translation>Punkt (1.234)</translation>
    </message>
    <message>
        <source>Comma (1,234)</source>
        <translation>Komma (1,234)</translation>
    </message>
    <message>
        <source>Apostrophe (1&apos;234)</source>
        <translation>Apostroph (1&apos;234)</translation>
    </message>
    <message>
        <source>dd day, MM month, MMM month name, yyyy or yy year; times (HH:mm) are read and dropped</source>
        <translation>dd Tag, MM Monat, MMM Monatsname, yyyy oder yy Jahr; Uhrzeiten (HH:mm) werden gelesen und verworfen</translation>
    </message>
    <message>
        <source>the account&apos;s, when the file has no currency column</source>
        <translation>die des Kontos, wenn die Datei keine Währungsspalte enthält</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>Zeichen&amp;kodierung:</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Trennzeichen:</translation>
    </message>
    <message>
        <source>&amp;Header row:</source>
        <translation>K&amp;opfzeile:</translation>
    </message>
    <message>
        <source>&amp;First entry row:</source>
        <translation>&amp;Erste Buchungszeile:</translation>
    </message>
    <message>
        <source>Decimal &amp;separator:</source>
        <translation>&amp;Dezimaltrennzeichen:</translation>
    </message>
    <message>
        <source>&amp;Thousands separator:</source>
        <translation>T&amp;ausendertrennzeichen:</translation>
    </message>
    <message>
        <source>D&amp;ate format:</source>
        <translation>Datums&amp;format:</translation>
    </message>
    <message>
        <source>&amp;Currency:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <source>What each column holds</source>
        <translation>Inhalt der Spalten</translation>
    </message>
    <message>
        <source>An entry needs a booking date and either one signed amount, or a debit and a credit column. An unsigned amount takes its sign from a debit/credit mark column.</source>
        <translation>Eine Buchung benötigt ein Buchungsdatum und entweder einen Betrag mit Vorzeichen oder je eine Soll- und Haben-Spalte. Ein Betrag ohne Vorzeichen erhält sein Vorzeichen aus einer Spalte mit Soll/Haben-Kennzeichen.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>The entries the first rows give. Rows in red would stop the import: change the settings until every row reads.</source>
        <translation>Die Buchungen, die sich aus den ersten Zeilen ergeben. Rot markierte Zeilen würden den Import verhindern: Ändern Sie die Einstellungen, bis jede Zeile gelesen werden kann.</translation>
    </message>
    <message>
        <source>Bank preset</source>
        <translation>Bankvorlage</translation>
    </message>
    <message>
        <source>Saved as a preset, this layout is used by itself for the next file from the same bank: it is recognised by its header row, whatever the file is called.</source>
        <translation>Als Vorlage gespeichert, wird dieses Layout für die nächste Datei derselben Bank automatisch verwendet: Es wird an der Kopfzeile erkannt, unabhängig vom Dateinamen.</translation>
    </message>
    <message>
        <source>&amp;Save as a bank preset</source>
        <translation>Als Bankvorlage &amp;speichern</translation>
    </message>
    <message>
        <source>e.g. Commerzbank current account</source>
        <translation>z. B. Commerzbank Girokonto</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>(e.g. %1)</source>
        <translation>(z. B. %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n entries read</source>
        <translation>
            <numerusform>%n Buchung gelesen</numerusform>
            <numerusform>%n Buchungen gelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows with errors</source>
        <translation>
            <numerusform>%n Zeile mit Fehlern</numerusform>
            <numerusform>%n Zeilen mit Fehlern</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2.</source>
        <translation>%1, %2.</translation>
    </message>
    <message>
        <source>The preview reads the first %1 rows of the file.</source>
        <translation>Die Vorschau liest die ersten %1 Zeilen der Datei.</translation>
    </message>
    <message>
        <source>A preset called “%1” exists: saving replaces it.</source>
        <translation>Eine Vorlage namens „%1“ ist bereits vorhanden: Beim Speichern wird sie ersetzt.</translation>
    </message>
    <message>
        <source>Every row must read before the file can be imported with this layout.</source>
        <translation>Jede Zeile muss gelesen werden können, bevor die Datei mit diesem Layout importiert werden kann.</translation>
    </message>
    <message>
        <source>Name the preset, or import without saving one.</source>
        <translation>Geben Sie der Vorlage einen Namen oder importieren Sie, ohne eine Vorlage zu speichern.</translation>
    </message>
    <message>
        <source>The preset was not saved: %1</source>
        <translation>Die Vorlage wurde nicht gespeichert: %1</translation>
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
    <message>
        <source>Adjust &amp;columns…</source>
        <translation>&amp;Spalten anpassen…</translation>
    </message>
    <message>
        <source>Columns from the bank preset “%1”.</source>
        <translation>Spalten aus der Bankvorlage „%1“.</translation>
    </message>
    <message>
        <source>Reading the file with the new columns…</source>
        <translation>Die Datei wird mit den neuen Spalten gelesen…</translation>
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
    <message>
        <source>API: 127.0.0.1:%1</source>
        <translation>API: 127.0.0.1:%1</translation>
    </message>
    <message>
        <source>API off</source>
        <translation>API aus</translation>
    </message>
    <message>
        <source>The local API could not start: %1</source>
        <translation>Die lokale API konnte nicht gestartet werden: %1</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::MonitorPanel</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Alert on this error…</source>
        <translation>Alarm für diesen Fehler…</translation>
    </message>
    <message>
        <source>Add rule…</source>
        <translation>Regel hinzufügen…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Enable/disable</source>
        <translation>Aktivieren/deaktivieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Quittieren</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>API routes</source>
        <translation>API-Routen</translation>
    </message>
    <message>
        <source>Active sessions</source>
        <translation>Aktive Sitzungen</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert um %1</translation>
    </message>
    <message>
        <source>Could not read the monitor: %1</source>
        <translation>Die Überwachungsdaten konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The change was not made: %1</source>
        <translation>Die Änderung wurde nicht durchgeführt: %1</translation>
    </message>
    <message>
        <source>Errors per interval</source>
        <translation>Fehler pro Intervall</translation>
    </message>
    <message>
        <source>All errors</source>
        <translation>Alle Fehler</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Select an error group to see its latest entry.</source>
        <translation>Wählen Sie eine Fehlergruppe aus, um ihren neuesten Eintrag zu sehen.</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Raised alerts</source>
        <translation>Ausgelöste Alarme</translation>
    </message>
    <message>
        <source>%1 · %2
%3

Fingerprint: %4
Last request id: %5

%6</source>
        <translation>%1 · %2
%3

Fingerabdruck: %4
Letzte Anfrage-ID: %5

%6</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>Neue Regel</translation>
    </message>
    <message>
        <source>Delete the alert rule “%1”? Alerts it raised stay in the list.</source>
        <translation>Alarmregel „%1“ löschen? Von ihr ausgelöste Alarme bleiben in der Liste.</translation>
    </message>
    <message>
        <source>Delete alert rule</source>
        <translation>Alarmregel löschen</translation>
    </message>
    <message numerus="yes">
        <source>Flowlet alert: %n rule(s) fired</source>
        <translation>
            <numerusform>Flowlet-Alarm: %n Regel ausgelöst</numerusform>
            <numerusform>Flowlet-Alarm: %n Regeln ausgelöst</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n error(s) – %2</source>
        <translation>
            <numerusform>%1: %n Fehler – %2</numerusform>
            <numerusform>%1: %n Fehler – %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowlet::ui::ReconciliationPanel</name>
    <message>
        <source>%1 — %2 to %3</source>
        <translation>%1 — %2 bis %3</translation>
    </message>
    <message>
        <source>, closing %1</source>
        <translation>, Endsaldo %1</translation>
    </message>
    <message>
        <source>, no closing balance</source>
        <translation>, kein Endsaldo</translation>
    </message>
    <message>
        <source> (reconciled)</source>
        <translation> (abgeglichen)</translation>
    </message>
    <message>
        <source> (being reconciled)</source>
        <translation> (wird abgeglichen)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Start paper statement</source>
        <translation>Mit Papierauszug starten</translation>
    </message>
    <message>
        <source>Auto-match</source>
        <translation>Automatisch zuordnen</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Unmatch</source>
        <translation>Zuordnung aufheben</translation>
    </message>
    <message>
        <source>Match selected</source>
        <translation>Auswahl zuordnen</translation>
    </message>
    <message>
        <source>Tick / untick</source>
        <translation>Markieren / Markierung aufheben</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Finish…</source>
        <translation>Abschließen…</translation>
    </message>
    <message>
        <source>Also outstanding entries from before the statement</source>
        <translation>Auch offene Buchungen aus der Zeit vor dem Kontoauszug</translation>
    </message>
    <message>
        <source>Closing balance</source>
        <translation>Endsaldo</translation>
    </message>
    <message>
        <source>The closing balance printed on the statement: for a paper statement, or for an imported one whose file does not give it</source>
        <translation>Der auf dem Kontoauszug angegebene Endsaldo: für einen Papierauszug oder für einen importierten Kontoauszug, dessen Datei ihn nicht enthält</translation>
    </message>
    <message>
        <source>Possible when the difference is zero and every suggestion is accepted or rejected</source>
        <translation>Möglich, wenn die Differenz null ist und jeder Vorschlag angenommen oder abgelehnt wurde</translation>
    </message>
    <message>
        <source>Tick the selected book entries as cleared, or untick them</source>
        <translation>Ausgewählte Buchungen als bestätigt markieren oder die Markierung aufheben</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Imported statement:</source>
        <translation>Importierter Kontoauszug:</translation>
    </message>
    <message>
        <source>Paper statement:</source>
        <translation>Papierauszug:</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Zugeordnet</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>Vorgeschlagen</translation>
    </message>
    <message>
        <source>Statement lines</source>
        <translation>Auszugszeilen</translation>
    </message>
    <message>
        <source>Book entries not matched</source>
        <translation>Nicht zugeordnete Buchungen</translation>
    </message>
    <message>
        <source>Matched (%1)</source>
        <translation>Zugeordnet (%1)</translation>
    </message>
    <message>
        <source>Suggested (%1)</source>
        <translation>Vorgeschlagen (%1)</translation>
    </message>
    <message>
        <source>Statement lines (%1)</source>
        <translation>Auszugszeilen (%1)</translation>
    </message>
    <message>
        <source>Book entries not matched (%1)</source>
        <translation>Nicht zugeordnete Buchungen (%1)</translation>
    </message>
    <message>
        <source>There is no own account to reconcile. Import a statement first (File → Import statement…).</source>
        <translation>Es gibt kein eigenes Konto, das abgeglichen werden kann. Importieren Sie zuerst einen Kontoauszug (Datei → Kontoauszug importieren…).</translation>
    </message>
    <message>
        <source>Resume #%1 (statement of %2)</source>
        <translation>#%1 fortsetzen (Kontoauszug vom %2)</translation>
    </message>
    <message>
        <source>The closing balance is not an amount: %1</source>
        <translation>Der Endsaldo ist kein gültiger Betrag: %1</translation>
    </message>
    <message>
        <source>%1 does not give its closing balance: enter the one printed on the statement under Closing balance, then Start again.</source>
        <translation>%1 enthält keinen Endsaldo: Geben Sie den auf dem Kontoauszug angegebenen Endsaldo unter „Endsaldo“ ein und klicken Sie dann erneut auf „Starten“.</translation>
    </message>
    <message>
        <source>Enter the closing balance printed on the paper statement.</source>
        <translation>Geben Sie den auf dem Papierauszug angegebenen Endsaldo ein.</translation>
    </message>
    <message>
        <source>No reconciliation shown: start one from a statement, or resume the open one.</source>
        <translation>Kein Abgleich angezeigt: Starten Sie einen Abgleich anhand eines Kontoauszugs oder setzen Sie den offenen Abgleich fort.</translation>
    </message>
    <message>
        <source>paper statement</source>
        <translation>Papierauszug</translation>
    </message>
    <message>
        <source>import #%1</source>
        <translation>Import #%1</translation>
    </message>
    <message>
        <source>Reconciliation #%1 of the statement of %2 (%3)</source>
        <translation>Abgleich #%1 des Kontoauszugs vom %2 (%3)</translation>
    </message>
    <message>
        <source>%1 — finished %2. Locked: its entries are reconciled and nothing can be changed.</source>
        <translation>%1 — abgeschlossen am %2. Gesperrt: Die zugehörigen Buchungen sind abgeglichen, es kann nichts mehr geändert werden.</translation>
    </message>
    <message>
        <source>Statement closing: %1</source>
        <translation>Endsaldo laut Auszug: %1</translation>
    </message>
    <message>
        <source>Cleared balance: %1</source>
        <translation>Bestätigter Saldo: %1</translation>
    </message>
    <message>
        <source>Difference: %1</source>
        <translation>Differenz: %1</translation>
    </message>
    <message>
        <source>Matched %1 · suggested %2 · statement lines unmatched %3 · book entries unmatched %4, outstanding %5 · cleared %6</source>
        <translation>Zugeordnet %1 · vorgeschlagen %2 · Auszugszeilen nicht zugeordnet %3 · Buchungen nicht zugeordnet %4, offen %5 · bestätigt %6</translation>
    </message>
    <message>
        <source>Select statement lines and book entries that belong together to match them by hand; tick entries the statement shows without a line.</source>
        <translation>Wählen Sie zusammengehörige Auszugszeilen und Buchungen aus, um sie manuell zuzuordnen; markieren Sie Buchungen, die auf dem Kontoauszug ohne eigene Zeile erscheinen.</translation>
    </message>
    <message>
        <source>Selected: %1 · %2</source>
        <translation>Ausgewählt: %1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n statement line(s), %1</source>
        <translation>
            <numerusform>%n Auszugszeile, %1</numerusform>
            <numerusform>%n Auszugszeilen, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n book entry(ies), %1</source>
        <translation>
            <numerusform>%n Buchung, %1</numerusform>
            <numerusform>%n Buchungen, %1</numerusform>
        </translation>
    </message>
    <message>
        <source> — they differ by %1</source>
        <translation> — Abweichung: %1</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message numerus="yes">
        <source>Finish reconciliation #%1?

The cleared balance %2 equals the statement&apos;s closing balance. %n entries become reconciled and locked; this cannot be undone.</source>
        <translation>
            <numerusform>Abgleich #%1 abschließen?

Der bestätigte Saldo %2 entspricht dem Endsaldo des Kontoauszugs. %n Buchung wird abgeglichen und gesperrt; dies kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>Abgleich #%1 abschließen?

Der bestätigte Saldo %2 entspricht dem Endsaldo des Kontoauszugs. %n Buchungen werden abgeglichen und gesperrt; dies kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Finish reconciliation</source>
        <translation>Abgleich abschließen</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Suggest a statement line and a book entry of the same amount booked at most this many days apart</source>
        <translation>Eine Auszugszeile und eine Buchung gleichen Betrags vorschlagen, die höchstens so viele Tage auseinander gebucht sind</translation>
    </message>
    <message>
        <source>Also suggest pairs whose amounts differ by at most this much (bank fees, rounding); 0 for equal amounts only</source>
        <translation>Auch Paare vorschlagen, deren Beträge höchstens so weit abweichen (Bankgebühren, Rundung); 0 nur für gleiche Beträge</translation>
    </message>
    <message>
        <source>Suggest matches within:</source>
        <translation>Zuordnungen vorschlagen innerhalb von:</translation>
    </message>
    <message>
        <source>and amounts differing by at most</source>
        <translation>und Beträge mit höchstens dieser Abweichung</translation>
    </message>
    <message>
        <source>The amount tolerance must be an amount of zero or more, such as 0.50</source>
        <translation>Die Betragstoleranz muss ein Betrag von null oder mehr sein, etwa 0,50</translation>
    </message>
    <message numerus="yes">
        <source>suggestions within %n day(s) and %1</source>
        <translation>
            <numerusform>Vorschläge innerhalb von %n Tag und %1</numerusform>
            <numerusform>Vorschläge innerhalb von %n Tagen und %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>suggestions within %n day(s), equal amounts</source>
        <translation>
            <numerusform>Vorschläge innerhalb von %n Tag, gleiche Beträge</numerusform>
            <numerusform>Vorschläge innerhalb von %n Tagen, gleiche Beträge</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — open; saved with every step; %2.</source>
        <translation>%1 — offen; wird mit jedem Schritt gespeichert; %2.</translation>
    </message>
</context>
<context>
    <name>flowlet::ui::RuleDialog</name>
    <message>
        <source>New categorisation rule</source>
        <translation>Neue Kategorisierungsregel</translation>
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
        <source>Counterparty account</source>
        <translation>Konto der Gegenpartei</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Bank transaction code</source>
        <translation>Geschäftsvorfallcode</translation>
    </message>
    <message>
        <source>Merchant category (MCC)</source>
        <translation>Händlerkategorie (MCC)</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>is</source>
        <translation>ist</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>beginnt mit</translation>
    </message>
    <message>
        <source>matches the regular expression</source>
        <translation>entspricht dem regulären Ausdruck</translation>
    </message>
    <message>
        <source>is between (low..high)</source>
        <translation>liegt zwischen (von..bis)</translation>
    </message>
    <message>
        <source>Rules with a lower number are tried first</source>
        <translation>Regeln mit einer niedrigeren Nummer werden zuerst geprüft</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wenn</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Set the category</source>
        <translation>Kategorie festlegen</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Imported transactions that match get this category, unless a rule with a lower priority number matches first.</source>
        <translation>Passende importierte Transaktionen erhalten diese Kategorie, sofern nicht zuvor eine Regel mit niedrigerer Prioritätsnummer zutrifft.</translation>
    </message>
    <message>
        <source>Give the rule a name.</source>
        <translation>Geben Sie der Regel einen Namen.</translation>
    </message>
    <message>
        <source>Enter the value to compare with.</source>
        <translation>Geben Sie den Vergleichswert ein.</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>Wählen Sie eine Kategorie aus.</translation>
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
    <message>
        <source>Only transactions of a category, or those without one</source>
        <translation>Nur Transaktionen einer Kategorie oder solche ohne Kategorie</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <source>Uncategorised</source>
        <translation>Ohne Kategorie</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>Kategorie %1</translation>
    </message>
    <message>
        <source>Finds the transactions that contain every word you type, in any case. Words of three or more characters are looked up in an index; a search of only shorter words reads the table and runs when you press Enter.</source>
        <translation>Findet die Transaktionen, die jedes eingegebene Wort enthalten, unabhängig von Groß- und Kleinschreibung. Wörter ab drei Zeichen werden im Index nachgeschlagen; eine Suche nur nach kürzeren Wörtern liest die ganze Tabelle und startet erst mit der Eingabetaste.</translation>
    </message>
    <message>
        <source>Words of one or two letters cannot use the search index: press Enter to search anyway (this reads every transaction).</source>
        <translation>Wörter mit einem oder zwei Buchstaben können den Suchindex nicht nutzen: Drücken Sie die Eingabetaste, um trotzdem zu suchen (dabei wird jede Transaktion gelesen).</translation>
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
    <message>
        <source>(no category)</source>
        <translation>(keine Kategorie)</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>Ansicht speichern…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Ansicht löschen</translation>
    </message>
    <message>
        <source>Set category</source>
        <translation>Kategorie festlegen</translation>
    </message>
    <message>
        <source>Rule from row…</source>
        <translation>Regel aus Zeile…</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <source>Saved views: a filter and sort order under a name</source>
        <translation>Gespeicherte Ansichten: Filter und Sortierung unter einem Namen</translation>
    </message>
    <message>
        <source>Set the category of the selected transactions</source>
        <translation>Kategorie der ausgewählten Transaktionen festlegen</translation>
    </message>
    <message>
        <source>Create a categorisation rule from the selected transaction</source>
        <translation>Kategorisierungsregel aus der ausgewählten Transaktion erstellen</translation>
    </message>
    <message>
        <source>Write every transaction the filter matches to a CSV file</source>
        <translation>Alle Transaktionen, die dem Filter entsprechen, in eine CSV-Datei schreiben</translation>
    </message>
    <message>
        <source>Choose the columns to show</source>
        <translation>Anzuzeigende Spalten auswählen</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message numerus="yes">
        <source>Category removed from %n transaction(s).</source>
        <translation>
            <numerusform>Kategorie von %n Transaktion entfernt.</numerusform>
            <numerusform>Kategorie von %n Transaktionen entfernt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 set on %n transaction(s).</source>
        <translation>
            <numerusform>%1 für %n Transaktion festgelegt.</numerusform>
            <numerusform>%1 für %n Transaktionen festgelegt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rule &quot;%1&quot; saved: it applies to the next imports.</source>
        <translation>Regel „%1“ gespeichert: Sie gilt für die nächsten Importe.</translation>
    </message>
    <message>
        <source>View &quot;%1&quot; saved.</source>
        <translation>Ansicht „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Exporting… %1 rows</source>
        <translation>Export läuft… %1 Zeilen</translation>
    </message>
    <message>
        <source>%1 transactions exported to %2.</source>
        <translation>%1 Transaktionen nach %2 exportiert.</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>Keine Kategorie</translation>
    </message>
    <message>
        <source>All transactions</source>
        <translation>Alle Transaktionen</translation>
    </message>
    <message>
        <source>an amount in the filter is not a number</source>
        <translation>ein Betrag im Filter ist keine Zahl</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>Name of the view (a view of the same name is replaced):</source>
        <translation>Name der Ansicht (eine gleichnamige Ansicht wird ersetzt):</translation>
    </message>
    <message>
        <source>Delete the view &quot;%1&quot;? The transactions are not affected.</source>
        <translation>Ansicht „%1“ löschen? Die Transaktionen sind davon nicht betroffen.</translation>
    </message>
    <message>
        <source>Export transactions</source>
        <translation>Transaktionen exportieren</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export läuft…</translation>
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
