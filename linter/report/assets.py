"""The report's shared stylesheet and scripts, written once into the folder beside the pages.

Palette: Okabe and Ito's colour-blind-safe colours; each status also has its own glyph
and underline style, so nothing depends on telling colours apart.
"""

from __future__ import annotations

STATUS_STYLE = {
    "verified": ("#009E73", "✓"),
    "contradicted": ("#D55E00", "✗"),
    "unverified": ("#0072B2", "?"),
    "uncited": ("#CC79A7", "†"),
}
"""Colour and glyph of each claim status (uncited is a second, independent mark)."""

CSS = """
:root{--verified:#009E73;--contradicted:#D55E00;--unverified:#0072B2;--uncited:#CC79A7;
--ink:#1d1d1f;--muted:#5f6368;--line:#e3e3e3;--bg:#fafafa;--card:#fff}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--ink);background:var(--bg)}
a{color:#0b57a4}
header.top{background:#1d2b3a;color:#fff;padding:16px clamp(12px,4vw,32px)}
header.top h1{margin:0;font-size:21px;overflow-wrap:anywhere}
header.top p{margin:4px 0 0;color:#cfd8e3}
header.top a{color:#cfe3ff}
main{padding:12px clamp(12px,4vw,32px) 64px;max-width:1200px}
h2{font-size:18px;margin:28px 0 10px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:10px;margin:14px 0}
@media (max-width:600px){.cards{grid-template-columns:repeat(3,1fr);gap:6px}.card{padding:6px 8px}.card b{font-size:17px}.card small{font-size:11px}}
.card{background:var(--card);border-radius:8px;padding:8px 12px;box-shadow:0 1px 3px #0002}
.card b{display:block;font-size:22px;font-variant-numeric:tabular-nums}
.card small{color:var(--muted)}
.delta{font-size:13px;font-variant-numeric:tabular-nums;white-space:nowrap}
.delta.good{color:#00704f}.delta.bad{color:#b34700}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:14px}
figure{margin:0;background:var(--card);border-radius:8px;padding:10px 14px;box-shadow:0 1px 3px #0002;min-width:0}
figcaption{font-weight:600;margin-bottom:6px}
figure svg{width:100%;height:auto;display:block}
svg text{font:11px system-ui,sans-serif;fill:var(--ink)}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px;margin-top:6px;padding:0;list-style:none}
.sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.controls{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin:8px 0}
.controls input[type=search]{font:inherit;padding:5px 8px;min-width:min(320px,100%);border:1px solid #bbb;border-radius:6px}
.controls select,.controls button{font:inherit;padding:4px 8px}
.scroll{overflow-x:auto;background:var(--card);border-radius:8px;box-shadow:0 1px 3px #0002}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:6px 9px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left;white-space:normal;overflow-wrap:anywhere;min-width:9em}
th{background:#f1f3f4;position:sticky;top:0;white-space:normal;vertical-align:bottom}
th button{all:unset;cursor:pointer;font-weight:600}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.num-0{color:#aaa}
.pager{display:flex;gap:10px;align-items:center;margin:8px 0;font-size:14px}
ul.plain{padding-left:18px}
.groups td:first-child{word-break:normal}
.groups td,.groups th{white-space:normal;text-align:left;vertical-align:top}
.s-contradicted-text{color:var(--contradicted)}
/* article pages */
article.doc{background:var(--card);border-radius:8px;box-shadow:0 1px 3px #0002;padding:4px clamp(12px,3vw,28px) 20px;
  font:16px/1.65 Georgia,"Times New Roman",serif;overflow-wrap:anywhere}
article.doc table{width:auto;font:14px/1.4 system-ui,sans-serif}
article.doc th,article.doc td{white-space:normal;text-align:left}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 320px;gap:18px;align-items:start}
@media (max-width:900px){.layout{grid-template-columns:minmax(0,1fr)}}
aside.findings{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto;background:var(--card);
  border-radius:8px;box-shadow:0 1px 3px #0002;padding:8px 12px;font-size:13px}
@media (max-width:900px){aside.findings{position:static;max-height:45vh;order:-1}}
aside.findings ol{padding-left:0;list-style:none;margin:0}
aside.findings li{padding:4px 0;border-bottom:1px solid var(--line)}
aside.findings li.sev-error code{color:#b34700}
.badge{font:11px system-ui;background:#1d2b3a;color:#fff;border-radius:3px;padding:0 4px;margin-left:4px}
mark{background:none;color:inherit;border-radius:3px;padding:0 1px;scroll-margin:40vh}
mark.claim{cursor:help;border-bottom:2px solid}
mark.claim::after{font:bold 10px system-ui;vertical-align:super;margin-left:1px}
mark.s-verified{background:#009E7326;border-color:var(--verified)}
mark.s-verified::after{content:"✓";color:var(--verified)}
mark.s-contradicted{background:#D55E0033;border-bottom:3px double var(--contradicted)}
mark.s-contradicted::after{content:"✗";color:var(--contradicted)}
mark.s-unverified{background:#0072B21f;border-bottom:2px dashed var(--unverified)}
mark.s-unverified::after{content:"?";color:var(--unverified)}
mark.uncited{text-decoration:underline dotted var(--uncited) 2px;text-underline-offset:5px}
mark.uncited::before{content:"†";font:bold 10px system-ui;vertical-align:super;color:var(--uncited)}
mark.finding{outline:2px dashed #9a6b00;background:#F0E44266}
mark.finding::after{content:"⚠";font-size:11px;vertical-align:super}
mark.current{box-shadow:0 0 0 3px #1d2b3a}
#tip{position:absolute;z-index:10;max-width:min(440px,92vw);background:#1d2b3a;color:#fff;padding:8px 10px;border-radius:6px;
  font:13px/1.45 system-ui,sans-serif;box-shadow:0 4px 14px #0004;pointer-events:none}
#tip[hidden]{display:none}
#tip b{color:#fff}
.keys{color:var(--muted);font-size:12px}
"""

INDEX_JS = r"""
(function(){
  "use strict";
  var data=JSON.parse(document.getElementById("articles-data").textContent);
  var cols=data.columns, rows=data.rows, size=50;
  var state={sort:-1,dir:1,text:"",has:"",page:0};
  var table=document.getElementById("articles"), tbody=table.tBodies[0];
  var nf=new Intl.NumberFormat("en");
  function cell(value,col){
    if(value===null||value===undefined) return "–";
    if(col.kind==="share") return Math.round(value*100)+"%";
    if(col.kind==="delta-share") return (value>0?"+":value<0?"−":"±")+Math.abs(Math.round(value*100))+" pt";
    if(col.kind==="delta") return (value>0?"+":value<0?"−":"±")+nf.format(Math.abs(value));
    return nf.format(value);
  }
  var flags={contradictions:2,dangling:6,unused:7,uncited:5,unverified:4};
  function keep(row){
    if(state.text && row[0].toLowerCase().indexOf(state.text)<0) return false;
    if(state.has==="new") return (row[data.newColumn]||0)>0;
    if(state.has==="fixed") return (row[data.fixedColumn]||0)>0;
    if(state.has==="no-claims") return row[1]===0;
    if(state.has) return row[flags[state.has]]>0;
    return true;
  }
  function view(){
    var shown=rows.filter(keep);
    if(state.sort>=0){
      var i=state.sort,d=state.dir;
      shown.sort(function(a,b){
        var x=a[i],y=b[i];
        if(x===y) return a[0]<b[0]?-1:1;
        if(x===null) return 1; if(y===null) return -1;
        return (x<y?-1:1)*d;
      });
    }
    return shown;
  }
  function render(){
    var shown=view(), pages=Math.max(1,Math.ceil(shown.length/size));
    state.page=Math.min(state.page,pages-1);
    var start=state.page*size, part=shown.slice(start,start+size);
    var body=document.createElement("tbody");
    part.forEach(function(row){
      var tr=document.createElement("tr"); tr.dataset.path=row[0];
      row.forEach(function(value,i){
        if(i>=cols.length) return;
        var td=document.createElement("td"); td.dataset.field=cols[i].key;
        if(i===0){var a=document.createElement("a"); a.href=row[cols.length]; a.textContent=value; td.appendChild(a);}
        else{td.textContent=cell(value,cols[i]); if(value===0) td.className="num-0";}
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.replaceChild(body,tbody); tbody=body;
    document.getElementById("count").textContent=shown.length?
      nf.format(start+1)+"–"+nf.format(start+part.length)+" of "+nf.format(shown.length)+" articles":"no article matches";
    document.getElementById("page").textContent="page "+(state.page+1)+" of "+pages;
    document.getElementById("prev").disabled=state.page===0;
    document.getElementById("next").disabled=state.page>=pages-1;
    document.body.dataset.rows=String(shown.length);
  }
  table.tHead.querySelectorAll("th").forEach(function(th,i){
    th.querySelector("button").addEventListener("click",function(){
      state.dir=state.sort===i?-state.dir:(i===0?1:-1); state.sort=i; state.page=0;
      table.tHead.querySelectorAll("th").forEach(function(o){o.removeAttribute("aria-sort");});
      th.setAttribute("aria-sort",state.dir>0?"ascending":"descending"); render();
    });
  });
  document.getElementById("filter").addEventListener("input",function(e){state.text=e.target.value.trim().toLowerCase();state.page=0;render();});
  document.getElementById("has").addEventListener("change",function(e){state.has=e.target.value;state.page=0;render();});
  document.getElementById("prev").addEventListener("click",function(){state.page--;render();});
  document.getElementById("next").addEventListener("click",function(){state.page++;render();});
  render();
  document.body.dataset.ready="1";
})();
"""

ARTICLE_JS = r"""
(function(){
  "use strict";
  var data=JSON.parse(document.getElementById("page-data").textContent);
  var tip=document.getElementById("tip");
  function line(parent,text,bold){var p=document.createElement("div");
    if(bold){var b=document.createElement("b");b.textContent=bold;p.appendChild(b);p.appendChild(document.createTextNode(" "));}
    p.appendChild(document.createTextNode(text));parent.appendChild(p);}
  function show(mark){
    var claim=data.claims[Number(mark.dataset.c)]; if(!claim) return;
    tip.textContent="";
    line(tip,claim.v+" · "+(claim.c.length?claim.c.map(function(c){return "["+c+"]";}).join(" "):"no citation"),claim.k);
    if(claim.f<0){line(tip,"No fact matches this claim.");}
    else{var fact=data.facts[claim.f];
      line(tip,claim.s+" by fact "+fact.id+" = "+fact.shown);
      if(fact.statement) line(tip,fact.statement);
      fact.sources.forEach(function(s){line(tip,data.sources[s],"Source:");});}
    if(claim.n) line(tip,claim.n);
    tip.hidden=false;
    var r=mark.getBoundingClientRect();
    var left=Math.max(4,Math.min(window.scrollX+r.left,window.scrollX+document.documentElement.clientWidth-tip.offsetWidth-4));
    tip.style.left=left+"px"; tip.style.top=(window.scrollY+r.bottom+6)+"px";
  }
  function hide(){tip.hidden=true;}
  document.addEventListener("mouseover",function(e){var m=e.target.closest("mark[data-c]"); if(m) show(m);});
  document.addEventListener("mouseout",function(e){if(e.target.closest("mark[data-c]")) hide();});
  document.addEventListener("focusin",function(e){var m=e.target.closest("mark[data-c]"); if(m) show(m); else hide();});
  var links=Array.prototype.slice.call(document.querySelectorAll("a.goto"));
  var current=-1;
  function go(i){
    if(!links.length) return;
    current=(i+links.length)%links.length;
    var target=document.getElementById(links[current].getAttribute("href").slice(1));
    document.querySelectorAll("mark.current").forEach(function(m){m.classList.remove("current");});
    links.forEach(function(a){a.removeAttribute("aria-current");});
    links[current].setAttribute("aria-current","true");
    if(target){target.classList.add("current");target.scrollIntoView({block:"center"});target.focus({preventScroll:true});}
  }
  links.forEach(function(a,i){a.addEventListener("click",function(e){e.preventDefault();go(i);history.replaceState(null,"",a.getAttribute("href"));});});
  document.addEventListener("keydown",function(e){
    if(e.altKey||e.ctrlKey||e.metaKey||/INPUT|TEXTAREA|SELECT/.test(e.target.tagName)) return;
    if(e.key==="j"){go(current+1);e.preventDefault();}
    else if(e.key==="k"){go(current<0?links.length-1:current-1);e.preventDefault();}
    else if(e.key==="Escape"){hide();}
  });
  document.body.dataset.ready="1";
})();
"""
