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

/** The WPS 加载项's ribbon: a 「台账检查」 button that opens the pane. */
export const WPS_RIBBON = `<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui" onLoad="ribbon.OnAddinLoad">
  <ribbon startFromScratch="false">
    <tabs>
      <tab id="taizhangTab" label="教育实践活动">
        <group id="taizhangGroup" label="台账">
          <button id="taizhangOpen" label="台账检查" onAction="ribbon.OnAction" getImage="ribbon.GetImage" size="large"/>
        </group>
      </tab>
    </tabs>
  </ribbon>
</customUI>
`;

/** The WPS 加载项's entry (main.js): the ribbon's callbacks, opening the pane beside the sheet. */
export const WPS_MAIN = `// taizhang WPS 加载项: the ribbon's callbacks.
window.ribbon = {
  OnAddinLoad: function () { return true; },
  GetImage: function () { return 'icon-32.png'; },
  OnAction: function () {
    var id = wps.PluginStorage.getItem('taizhang_pane');
    if (id) {
      var pane = wps.GetTaskPane(id);
      pane.Visible = !pane.Visible;
      return true;
    }
    var base = location.href.replace(/[^/]*$/, '');
    var created = wps.CreateTaskPane(base + 'taskpane.html');
    wps.PluginStorage.setItem('taizhang_pane', created.ID);
    created.DockPosition = wps.Enum ? wps.Enum.msoCTPDockPositionRight : 2;
    created.Visible = true;
    return true;
  }
};
`;

/** The line of jsplugins.xml that installs the offline package (WPS looks in %APPDATA%\\kingsoft\\wps\\jsaddons). */
export function wpsJsPlugins(url: string, version = '1.0.0'): string {
  return `<jsplugins>\n  <jsplugin name="taizhang" type="et" url="${esc(url)}" version="${version}"/>\n</jsplugins>\n`;
}
