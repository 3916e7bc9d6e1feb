/**
 * The Excel add-in's XML manifest (add-in only, TaskPaneApp): the one form that Excel 2016 and
 * later perpetual, Microsoft 365 and Excel on the web all sideload. A 「台账检查」 button on the
 * Home tab opens the pane. Reading and selecting need ExcelApi 1.1, so that is the requirement;
 * the pane asks for 1.6 (highlights) and 1.13 (merged areas) at run time.
 */

export const ADDIN_ID = '6f0c2d6e-3b7a-4c1e-9a52-1d4f0b7e2a14';
export const ADDIN_VERSION = '1.0.0.0';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The manifest for the pane served at `base` (ending in `/`). */
export function manifestXml(base: string): string {
  const url = base.endsWith('/') ? base : `${base}/`;
  const origin = new URL(url).origin;
  const u = (p: string) => esc(`${url}${p}`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="TaskPaneApp">
  <Id>${ADDIN_ID}</Id>
  <Version>${ADDIN_VERSION}</Version>
  <ProviderName>taizhang</ProviderName>
  <DefaultLocale>zh-CN</DefaultLocale>
  <DisplayName DefaultValue="台账检查"/>
  <Description DefaultValue="检查教育实践活动台账，指出哪一行哪一列要改，并把【自动】状态列写回当前工作簿。"/>
  <IconUrl DefaultValue="${u('icon-32.png')}"/>
  <HighResolutionIconUrl DefaultValue="${u('icon-64.png')}"/>
  <SupportUrl DefaultValue="${u('taskpane.html')}"/>
  <AppDomains>
    <AppDomain>${esc(origin)}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="ExcelApi" MinVersion="1.1"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${u('taskpane.html')}"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <DesktopFormFactor>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="TabHome">
              <Group id="taizhang.Group">
                <Label resid="taizhang.Group.Label"/>
                <Icon>
                  <bt:Image size="16" resid="taizhang.Icon16"/>
                  <bt:Image size="32" resid="taizhang.Icon32"/>
                  <bt:Image size="80" resid="taizhang.Icon80"/>
                </Icon>
                <Control xsi:type="Button" id="taizhang.Open">
                  <Label resid="taizhang.Button.Label"/>
                  <Supertip>
                    <Title resid="taizhang.Button.Label"/>
                    <Description resid="taizhang.Button.Tooltip"/>
                  </Supertip>
                  <Icon>
                    <bt:Image size="16" resid="taizhang.Icon16"/>
                    <bt:Image size="32" resid="taizhang.Icon32"/>
                    <bt:Image size="80" resid="taizhang.Icon80"/>
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>taizhang.Pane</TaskpaneId>
                    <SourceLocation resid="taizhang.Pane.Url"/>
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
        <bt:Image id="taizhang.Icon16" DefaultValue="${u('icon-16.png')}"/>
        <bt:Image id="taizhang.Icon32" DefaultValue="${u('icon-32.png')}"/>
        <bt:Image id="taizhang.Icon80" DefaultValue="${u('icon-80.png')}"/>
      </bt:Images>
      <bt:Urls>
        <bt:Url id="taizhang.Pane.Url" DefaultValue="${u('taskpane.html')}"/>
      </bt:Urls>
      <bt:ShortStrings>
        <bt:String id="taizhang.Group.Label" DefaultValue="教育实践活动"/>
        <bt:String id="taizhang.Button.Label" DefaultValue="台账检查"/>
      </bt:ShortStrings>
      <bt:LongStrings>
        <bt:String id="taizhang.Button.Tooltip" DefaultValue="检查当前工作簿，并把【自动】状态列写回"/>
      </bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}

/**
 * The WPS 加载项 as Kingsoft's own toolkit (wpsjs 2.2.3, its et template) lays it out: WPS loads
 * `index.html`, which loads `main.js`, whose global functions are the ribbon's callbacks named in
 * `ribbon.xml`. They reach WPS through `window.Application` (older WPS: `wps`).
 */
export const WPS_RIBBON = `<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui" onLoad="OnAddinLoad">
  <ribbon startFromScratch="false">
    <tabs>
      <tab id="taizhangTab" label="教育实践活动">
        <group id="taizhangGroup" label="台账">
          <button id="taizhangOpen" label="台账检查" onAction="OnAction" getImage="GetImage" size="large"/>
        </group>
      </tab>
    </tabs>
  </ribbon>
</customUI>
`;

/** The add-in's entry page: WPS loads it at start and runs main.js (as in Kingsoft's template). */
export const WPS_INDEX = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>台账检查</title></head>
<body>
<script type="text/javascript" src="./main.js"></script>
</body>
</html>
`;

/**
 * The ribbon's callbacks (main.js), in ES5 as WPS's template writes them. The pane is made once
 * and its id kept in PluginStorage; a pane the clerk closed for good is gone (GetTaskPane of its id
 * throws, or gives nothing), and the button then makes a new one instead of doing nothing.
 */
export const WPS_MAIN = `// taizhang WPS 加载项: the ribbon's callbacks (index.html loads this file).
function taizhangApp() { return window.Application || window.wps; }
function taizhangNewPane(app) {
  var base = window.location.href.replace(/[^/]*$/, '');
  var pane = app.CreateTaskPane(base + 'taskpane.html', '台账检查');
  app.PluginStorage.setItem('taizhang_pane', String(pane.ID));
  pane.DockPosition = app.Enum && app.Enum.msoCTPDockPositionRight !== undefined ? app.Enum.msoCTPDockPositionRight : 2;
  pane.Visible = true;
}
function OnAddinLoad(ribbonUI) {
  var app = taizhangApp();
  if (app && typeof app.ribbonUI !== 'object') app.ribbonUI = ribbonUI;
  return true;
}
function GetImage(control) { return 'icon-32.png'; }
function OnAction(control) {
  var app = taizhangApp();
  var id = app.PluginStorage.getItem('taizhang_pane');
  var pane = null;
  if (id) {
    try { pane = app.GetTaskPane(Number(id)); } catch (e) { pane = null; }
  }
  if (pane) {
    try { pane.Visible = !pane.Visible; return true; } catch (e) { pane = null; }
  }
  taizhangNewPane(app);
  return true;
}
window.OnAddinLoad = OnAddinLoad;
window.GetImage = GetImage;
window.OnAction = OnAction;
`;

export const WPS_VERSION = '1.0.0';
/** The add-in's folder in the offline package and in jsaddons: `taizhang_1.0.0`. */
export const wpsFolder = (version = WPS_VERSION) => `taizhang_${version}`;

/**
 * The entries that point WPS at the offline package (`…/taizhang.7z`): jsplugins.xml is what the
 * `JSPluginsServer` of oem.ini names; publish.xml is what WPS keeps in the user's jsaddons folder.
 * Their attributes are those wpsjs 2.2.3 writes.
 */
export function wpsJsPlugins(url: string, version = WPS_VERSION): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jsplugin name="taizhang" type="et" url="${esc(url)}" version="${version}"/>\n</jsplugins>\n`;
}
export function wpsPublish(url: string, version = WPS_VERSION): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<jsplugins>\n  <jsplugin name="taizhang" type="et" url="${esc(url)}" version="${version}" enable="enable_dev" install="null"/>\n</jsplugins>\n`;
}
